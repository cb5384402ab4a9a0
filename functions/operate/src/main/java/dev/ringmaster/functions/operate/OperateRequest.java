package dev.ringmaster.functions.operate;

/**
 * An operator command (CONTRACTS.md §5, events/operate-*.json), from the AWS console or
 * the bus (an EventBridge event whose {@code detail} is the command: a kill from an alerting rule).
 *
 * @param command            start, pause, resume, rollback, promote, approve, kill, mark-fixed, status
 * @param operator           who asks; recorded in the history ("unknown operator" when absent)
 * @param reason             why; required by promote --force, recorded for every command
 * @param force              promote: skip to 100 % whatever the gates say
 * @param phase              start: the phase to start at (hotfix plans)
 * @param plan               start: the plan YAML text
 * @param checklistConfirmed start: the plan's pre-deployment checklist was confirmed
 * @param cohort             kill: turn only this cohort's flag off (seed 004 per-cohort kill switch)
 * @param after              start: the rolled-back, fixed rollout this one restarts (seed 002)
 * @param detail             the command, when it arrives on the bus as an EventBridge event
 */
public record OperateRequest(String command, String rolloutId, String reason, Boolean force, String operator, String phase,
                             String plan, Boolean checklistConfirmed, String cohort, String after, OperateRequest detail) {

    /** The command itself: this request, or the detail of the EventBridge event that carried it. */
    public OperateRequest unwrapped() {
        return command == null && detail != null ? detail : this;
    }
}

package dev.ringmaster.functions.operate;

/**
 * An operator command (CONTRACTS.md §5, events/operate-*.json).
 *
 * @param command            start, pause, resume, rollback, promote, approve, kill, mark-fixed, status
 * @param operator           who asks; recorded in the history ("unknown operator" when absent)
 * @param reason             why; required by promote --force, recorded for every command
 * @param force              promote: skip to 100 % whatever the gates say
 * @param phase              start: the phase to start at (hotfix plans)
 * @param plan               start: the plan YAML text
 * @param checklistConfirmed start: the plan's pre-deployment checklist was confirmed
 */
public record OperateRequest(String command, String rolloutId, String reason, Boolean force, String operator, String phase,
                             String plan, Boolean checklistConfirmed) {
}

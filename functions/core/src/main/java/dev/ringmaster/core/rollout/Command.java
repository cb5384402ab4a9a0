package dev.ringmaster.core.rollout;

import java.util.List;

/**
 * What an operator asks (CLI, console, scenario events).
 *
 * @param phase             for start: the phase to start at (seed 000 hotfix), or null for the first
 * @param checklistConfirmed for start: the plan's pre-deployment checklist was confirmed; for approve: the whole
 *                           checklist of the phase being approved was
 * @param force             for promote: skip to 100 % whatever the gates say
 * @param cohort            for kill: turn only this cohort's flag off (seed 004 per-cohort kill switch), or null for all
 * @param after             for start: the rolled-back, fixed rollout this one restarts (seed 002), or null
 * @param checked           for approve: the checklist items the approver confirmed one by one (the whole list
 *                           confirms the checklist as {@code checklistConfirmed} does)
 */
public record Command(Type type, String operator, String reason, String phase, boolean checklistConfirmed, boolean force,
                      String cohort, String after, List<String> checked) {

    public Command {
        checked = checked == null ? List.of() : checked.stream().filter(java.util.Objects::nonNull).toList();
    }

    public Command(Type type, String operator, String reason, String phase, boolean checklistConfirmed, boolean force,
                   String cohort, String after) {
        this(type, operator, reason, phase, checklistConfirmed, force, cohort, after, List.of());
    }

    public Command(Type type, String operator, String reason, String phase, boolean checklistConfirmed, boolean force) {
        this(type, operator, reason, phase, checklistConfirmed, force, null, null);
    }

    public enum Type {
        START, PAUSE, RESUME, ROLLBACK, PROMOTE, APPROVE, KILL, MARK_FIXED;

        /** The verb as people type it and history shows it: start, pause, mark-fixed, … */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static Command of(Type type, String operator, String reason) {
        return new Command(type, operator, reason, null, false, false);
    }
}

package dev.ringmaster.core.plan;

import java.util.List;

/**
 * A phase that needs {@code approve} before it is entered, with what the approvers confirm and who they are
 * (seed 001's change review board, seed 002's "approval from maintainer").
 *
 * @param count how many distinct people must approve
 * @param from  the approver groups (keys of {@code spec.approvers}) an approval must come from; empty: anyone
 */
public record Approval(boolean required, List<String> checklist, int count, List<String> from) {
    public static final Approval NONE = new Approval(false, List.of(), 0, List.of());

    public Approval {
        checklist = List.copyOf(checklist);
        from = List.copyOf(from);
    }

    /** Anyone may approve, once. */
    public static Approval byAnyone(List<String> checklist) {
        return new Approval(true, checklist, 1, List.of());
    }
}

package dev.ringmaster.core.plan;

import java.util.List;

/** A phase that needs {@code approve} before it is entered, with what the approver confirms. */
public record Approval(boolean required, List<String> checklist) {
    public static final Approval NONE = new Approval(false, List.of());

    public Approval {
        checklist = List.copyOf(checklist);
    }
}

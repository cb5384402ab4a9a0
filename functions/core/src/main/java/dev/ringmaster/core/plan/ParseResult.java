package dev.ringmaster.core.plan;

import java.util.List;

/** A plan, or every error found in its file (never both). */
public record ParseResult(Plan plan, List<PlanError> errors) {
    public ParseResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}

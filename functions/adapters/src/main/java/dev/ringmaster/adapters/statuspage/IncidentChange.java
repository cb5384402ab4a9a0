package dev.ringmaster.adapters.statuspage;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Severity;

/**
 * What an event does to the rollout's Statuspage incident (docs/notify-channels.md has the table).
 * Problems open or update it as {@code identified}; completion, resume and fix resolve it; everything else is
 * progress customers are told about as {@code monitoring} with no impact, and never downgrades an open problem.
 *
 * @param impact     {@code impact_override}, or null to leave it as it is
 * @param components what the rule's components become, or null to leave them
 */
record IncidentChange(Kind kind, String status, String impact, String components) {
    enum Kind { INFORM, PROBLEM, RESOLVE }

    static IncidentChange of(NotifyEvent event, Severity severity) {
        return switch (event) {
            case COMPLETED, RESUMED, FIXED -> new IncidentChange(Kind.RESOLVE, "resolved", null, "operational");
            // Users who got the build still have it, or lost a feature: part of them are affected.
            case ROLLED_BACK, KILLED, CUSTOMERS_AFFECTED, INCIDENT, ACTION_FAILED, ROLLBACK_SLOW ->
                    new IncidentChange(Kind.PROBLEM, "identified", impact(severity), "partial_outage");
            // Stopped where it is: the audience so far may see the problem, nobody new gets it.
            case HALTED, ALERT, CHANGED_BY_HAND -> new IncidentChange(Kind.PROBLEM, "identified", impact(severity), "degraded_performance");
            default -> new IncidentChange(Kind.INFORM, "monitoring", "none", "operational");
        };
    }

    /** critical → major, warning → minor, info → none (Statuspage's "critical" is kept for a full outage). */
    static String impact(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "major";
            case WARNING -> "minor";
            case INFO -> "none";
        };
    }

    /** This change applied to an open incident in {@code openStatus}: progress keeps a problem's status, impact and components. */
    IncidentChange onto(String openStatus) {
        boolean problemOpen = "investigating".equals(openStatus) || "identified".equals(openStatus);
        return kind == Kind.INFORM && problemOpen ? new IncidentChange(kind, openStatus, null, null) : this;
    }
}

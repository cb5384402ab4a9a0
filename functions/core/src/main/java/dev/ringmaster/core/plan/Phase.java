package dev.ringmaster.core.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of the rollout. The audience is a percentage, a named cohort (seed 004, optionally at a
 * percentage), TestFlight groups, or a ring.
 *
 * @param percent  audience percentage in (0, 100], or null for cohort/group/ring-only phases
 * @param size     approximate users, for exposure figures (null: unknown)
 * @param target   this phase's target, or null to use the plan's
 * @param maxSoak  still inconclusive after this → pause and say why (null: hold as long as it takes)
 * @param rollbackWithin how fast a rollback of this phase must take effect (seed 000), or null
 * @param notifyRules   replaces the plan's notify rules in this phase (null: the plan's)
 */
public record Phase(String name, Double percent, String cohort, List<String> groups, String ring, Long size,
                    Target target, Duration soak, Duration maxSoak, Duration rollbackWithin, Approval approval, Map<String, Object> flags,
                    List<NotifyRule> notifyRules, List<Gate> gates) {

    public Phase {
        groups = List.copyOf(groups);
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        flags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flags));
        notifyRules = notifyRules == null ? null : List.copyOf(notifyRules);
        gates = List.copyOf(gates);
    }

    public String audience() {
        StringBuilder b = new StringBuilder();
        if (percent != null) {
            b.append(Numbers.plain(percent)).append('%');
        }
        if (cohort != null) {
            b.append(b.isEmpty() ? "" : " ").append("cohort ").append(cohort);
        }
        if (!groups.isEmpty()) {
            b.append(b.isEmpty() ? "" : " ").append("groups ").append(String.join(",", groups));
        }
        if (ring != null) {
            b.append(b.isEmpty() ? "" : " ").append("ring ").append(ring);
        }
        return b.toString();
    }
}

package dev.ringmaster.core.plan;

import dev.ringmaster.core.window.DeploymentWindows;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated rollout plan (CONTRACTS.md §1) with its phases expanded: when the file has no {@code phases},
 * they come from the risk template and {@link #fromTemplate} is true.
 */
public record Plan(String id, String app, String version, boolean hotfix, Risk risk, Target target,
                   FlagStore flagStore, Map<String, MetricDef> metrics, DeploymentWindows windows,
                   List<Phase> phases, boolean fromTemplate, List<HaltRule> haltRules, OnGateFail onGateFail,
                   double falseHaltRate, double falseAdvanceRate, List<NotifyRule> notifyRules, KillSwitch killSwitch,
                   int circuitBreakerErrors, List<String> checklist, Duration watchAfterRollback,
                   Duration hotfixSoak) {

    public static final double DEFAULT_FALSE_HALT_RATE = 0.01;
    public static final double DEFAULT_FALSE_ADVANCE_RATE = 0.05;

    public Plan {
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        phases = List.copyOf(phases);
        haltRules = List.copyOf(haltRules);
        notifyRules = List.copyOf(notifyRules);
        checklist = List.copyOf(checklist);
    }

    public Target targetOf(Phase phase) {
        return phase.target() != null ? phase.target() : target;
    }

    public int indexOf(String phaseName) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(phaseName)) {
                return i;
            }
        }
        return -1;
    }

    public List<NotifyRule> notifyIn(Phase phase) {
        return phase.notifyRules() != null ? phase.notifyRules() : notifyRules;
    }
}

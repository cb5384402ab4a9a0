package dev.ringmaster.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's decision matrix as phases, used when a plan gives {@code risk} and no {@code phases}.
 *
 * <p>Where the seed gives a range of waits ("10% (2-4 hrs)") the template takes the lower end as {@code soak}
 * and the upper end as {@code maxSoak}: soak is a minimum and the gate statistics decide when the evidence is
 * in, while a stage that is still inconclusive at the end of the seed's range pauses and says why instead of
 * waiting silently. Where the seed gives a range of audiences ("1-5%") the template takes the lower end, so
 * the fewest users see the build first; 1 % is also on Apple's phased-release schedule.
 *
 * <p>Gate bounds come from the seed's "Required Dashboard Metrics" table: the Warning column is the exit
 * criterion of every stage and the Critical column a critical halt rule with a Level 1 rollback.
 *
 * <p>ZERO and LOW deploy "with flags OFF": their first phase has a 0 % audience (the code is deployed, its
 * feature flag written off for everyone). ZERO checks deployment success only (the target confirming the
 * deploy); LOW keeps the flag off for an hour that must be silent ("no errors from new code") and only then
 * turns it on for everyone.
 */
public enum RiskTemplate {
    ZERO, LOW, MEDIUM, HIGH;

    /** Metrics the seed says to monitor at this risk; each must be defined under spec.metrics. */
    public List<String> monitors() {
        return switch (this) {
            case ZERO -> List.of();
            case LOW -> List.of("error_rate");
            case MEDIUM, HIGH -> List.of("error_rate", "latency_p95", "success_rate");
        };
    }

    public static RiskTemplate of(Risk risk) {
        return valueOf(risk.name());
    }

    public List<Phase> phases() {
        return switch (this) {
            // "Deploy immediately: tests, docs, code with flags OFF. Wait: 0 hours. Monitor: deployment success only."
            case ZERO -> List.of(phase("deploy-flag-off", 0, Duration.ZERO, null, List.of()));
            // "Flag-gated. Wait: 1 hour with flag OFF. Monitor: no errors from new code (should be silent)."
            case LOW -> List.of(phase("flag-off", 0, Duration.ofHours(1), Duration.ofHours(2), List.of(errorGate())),
                    phase("flag-on", 100, Duration.ZERO, null, List.of(errorGate())));
            // "Canary. Stages: 10% (2-4 hrs) → 50% (4-8 hrs) → 100%"; stage 5: "24 hours continuous monitoring".
            case MEDIUM -> List.of(
                    phase("canary-10", 10, Duration.ofHours(2), Duration.ofHours(4), stageGates()),
                    phase("partial-50", 50, Duration.ofHours(4), Duration.ofHours(8), stageGates()),
                    phase("full-100", 100, Duration.ofHours(24), null, stageGates()));
            // "Extended canary. Stages: 1-5% (8-24 hrs) → 10% → 25% → 50% → 75% → 100%. Each stage: 4-8 hours minimum."
            case HIGH -> {
                List<Phase> p = new ArrayList<>();
                p.add(phase("canary-1", 1, Duration.ofHours(8), Duration.ofHours(24), stageGates()));
                for (int pct : new int[] {10, 25, 50, 75}) {
                    p.add(phase("stage-" + pct, pct, Duration.ofHours(4), Duration.ofHours(8), stageGates()));
                }
                p.add(phase("full-100", 100, Duration.ofHours(24), null, stageGates()));
                yield List.copyOf(p);
            }
        };
    }

    /** Critical-column halt rules for the monitored metrics, plus the optional rows the plan defines. */
    public List<HaltRule> haltRules(Map<String, MetricDef> metrics) {
        List<HaltRule> out = new ArrayList<>();
        if (this == ZERO) {
            return out;
        }
        Duration fiveMin = Duration.ofMinutes(5);
        if (metrics.containsKey("error_rate")) {
            out.add(new HaltRule("error_rate", new Bound(Bound.Type.MAX, 0.005), fiveMin, null, Severity.CRITICAL, HaltAction.ROLLBACK));
        }
        if (monitors().contains("latency_p95") && metrics.containsKey("latency_p95")) {
            // "Investigate, Level 1 if sustained": sustained means the rule must hold for 10 minutes.
            out.add(new HaltRule("latency_p95", new Bound(Bound.Type.MAX, 500), Duration.ofMinutes(10), null, Severity.CRITICAL, HaltAction.ROLLBACK));
        }
        if (monitors().contains("success_rate") && metrics.containsKey("success_rate")) {
            out.add(new HaltRule("success_rate", new Bound(Bound.Type.MIN, 0.995), fiveMin, null, Severity.CRITICAL, HaltAction.ROLLBACK));
        }
        if (metrics.containsKey("db_errors_per_min")) {
            out.add(new HaltRule("db_errors_per_min", new Bound(Bound.Type.MAX, 50), fiveMin, null, Severity.CRITICAL, HaltAction.ROLLBACK));
        }
        if (metrics.containsKey("security_alerts")) {
            // "Security alert: ANY → immediate Level 1 + incident": no sustain.
            out.add(new HaltRule("security_alerts", new Bound(Bound.Type.MAX, 0), Duration.ZERO, null, Severity.CRITICAL, HaltAction.ROLLBACK));
        }
        return out;
    }

    private static Gate errorGate() {
        return new Gate("error_rate", new Bound(Bound.Type.MAX, 0.002), null, null, false);
    }

    private static List<Gate> stageGates() {
        return List.of(errorGate(),
                // Stage 3: "latency within 10% baseline".
                new Gate("latency_p95", new Bound(Bound.Type.MAX_RELATIVE, 1.10), null, null, false),
                new Gate("success_rate", new Bound(Bound.Type.MIN, 0.998), null, null, false));
    }

    private static Phase phase(String name, double percent, Duration soak, Duration maxSoak, List<Gate> gates) {
        return new Phase(name, percent, null, List.of(), null, null, null, soak, maxSoak, null, Approval.NONE, Map.of(), null, gates);
    }
}

package dev.ringmaster.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A simulated world (CONTRACTS.md §4, §6): traffic, the true value of each metric for baseline and canary,
 * outages, injected commands, faults of the systems around ringmaster, and how long to simulate.
 *
 * @param users     sessions (trials of a rate) per hour at 100 % audience
 * @param diurnal   ± amplitude of a 24-hour traffic cycle (0 = flat)
 * @param afterStop how long to go on simulating once the rollout stopped (halted, paused, completed, rolled
 *                  back) and owes nothing, while it is still watched: 0 ends the run at the stop
 * @param previousVersion the version every ring tag of a container-ring plan served before the rollout (its
 *                  last good digest, which a rollback puts back), or null: the rings start untagged
 * @param startPhase the phase the rollout starts at ({@code start --phase}: a hotfix plan's affected ring), or null
 */
public record Scenario(String name, Duration tick, double users, double diurnal, Instant start, Map<String, Truth> metrics,
                       List<Outage> outages, List<Injected> events, List<Fault> faults, Duration afterStop, Duration until,
                       String previousVersion, String startPhase) {

    public Scenario {
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        outages = List.copyOf(outages);
        events = List.copyOf(events);
        faults = List.copyOf(faults);
    }

    /** The first window fault of {@code system} on at {@code sinceStart} that {@code applies}, if any. */
    public java.util.Optional<Fault> fault(Fault.System system, Duration sinceStart, java.util.function.Predicate<Fault> applies) {
        return faults.stream().filter(f -> f.active(system, sinceStart) && applies.test(f)).findFirst();
    }

    /**
     * The truth of one metric. Rates and counts use baseline/canary as probabilities or events per minute;
     * gauges as values with relative {@code noise}; checks use {@code check}.
     *
     * @param canaryFrom the canary behaves like the baseline until this long after the start (late-onset regression)
     */
    public record Truth(double baseline, double canary, double noise, Duration canaryFrom, Boolean check) {

        public double canaryAt(Duration sinceStart) {
            return canaryFrom != null && sinceStart.compareTo(canaryFrom) < 0 ? baseline : canary;
        }
    }

    /** The source returns no data for {@code metric} in [from, to) after the start. */
    public record Outage(String metric, Duration from, Duration to) {
    }

    /**
     * A command given at {@code at} after the start: approve, pause, resume, rollback, kill, promote.
     *
     * @param by     who gives it (an approver of the plan's approver groups, for one)
     * @param cohort for a kill: only this cohort's flag ({@code kill --cohort})
     */
    public record Injected(Duration at, String command, String reason, String by, String cohort) {
    }
}

package dev.ringmaster.sim;

import java.util.List;
import java.util.Map;

/**
 * Monte Carlo over many seeded runs of one plan and scenario (CONTRACTS.md §3 {@code simulate --json}).
 *
 * @param outcomes                   final state → number of runs
 * @param medianHoursToOutcome       median virtual hours from start to the end of a run
 * @param meanUsersExposedToBadBuild mean users who got the canary, over runs, when the scenario is bad (else 0)
 * @param falseHaltRate              for a healthy scenario: share of runs ringmaster halted, paused or rolled back (else 0);
 *                                   a stop the scenario commanded is not counted
 * @param missedBadRate              for a bad scenario: share of runs that completed (else 0)
 * @param example                    the first run, for the report
 * @param phases                     per phase, how long the runs took to get past its gates
 */
public record SimulationSummary(String plan, String scenario, int runs, Map<String, Integer> outcomes, double medianHoursToOutcome,
                                double meanUsersExposedToBadBuild, double falseHaltRate, double missedBadRate,
                                SimulationRun example, List<PhaseTime> phases) {

    public SimulationSummary {
        phases = List.copyOf(phases);
    }
}

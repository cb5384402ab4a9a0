package dev.ringmaster.bench;

import java.util.List;

/**
 * One row of the benchmark table: a policy on a scenario at one traffic level, over all runs.
 *
 * @param falseHaltRate      healthy scenarios: share of runs halted by a FAIL (NaN for bad scenarios)
 * @param pausedRate         share of runs paused at maxSoak for lack of evidence (no verdict either way)
 * @param missedBadRate      bad scenarios: share of runs that reached 100 % (NaN for healthy ones)
 * @param meanExposure       bad scenarios: mean canary sessions before the halt (or before 100 % when missed)
 * @param p95Exposure        bad scenarios: 95th percentile of the same
 * @param medianHoursTo100   healthy scenarios: median hours to 100 % among runs that got there (NaN if none)
 * @param medianTicks        median ticks to the decision that ended the run
 * @param exposures          bad scenarios: every run's exposure, sorted (for distributions); empty otherwise
 * @param onScheduleRate     healthy scenarios: share of runs that reached 100 % within the soak sum + 10 % (NaN otherwise)
 */
public record BenchResult(String scenario, String traffic, String policy, int runs, double falseHaltRate, double pausedRate,
                          double missedBadRate,
                          double meanExposure, double p95Exposure, double medianHoursTo100, double medianTicks,
                          List<Double> exposures, double onScheduleRate) {
    public BenchResult {
        exposures = List.copyOf(exposures);
    }

    public BenchResult(String scenario, String traffic, String policy, int runs, double falseHaltRate, double pausedRate,
                       double missedBadRate, double meanExposure, double p95Exposure, double medianHoursTo100,
                       double medianTicks, List<Double> exposures) {
        this(scenario, traffic, policy, runs, falseHaltRate, pausedRate, missedBadRate, meanExposure, p95Exposure,
                medianHoursTo100, medianTicks, exposures, Double.NaN);
    }
}

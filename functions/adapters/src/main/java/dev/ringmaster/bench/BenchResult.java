package dev.ringmaster.bench;

/**
 * One row of the benchmark table: a policy on a scenario at one traffic level, over all runs.
 *
 * @param falseHaltRate      healthy scenarios: share of runs halted or paused (NaN for bad scenarios)
 * @param missedBadRate      bad scenarios: share of runs that reached 100 % (NaN for healthy ones)
 * @param meanExposure       bad scenarios: mean canary sessions before the halt (or before 100 % when missed)
 * @param p95Exposure        bad scenarios: 95th percentile of the same
 * @param medianHoursTo100   healthy scenarios: median hours to 100 % among runs that got there (NaN if none)
 * @param medianTicks        median ticks to the decision that ended the run
 */
public record BenchResult(String scenario, String traffic, String policy, int runs, double falseHaltRate, double missedBadRate,
                          double meanExposure, double p95Exposure, double medianHoursTo100, double medianTicks) {
}

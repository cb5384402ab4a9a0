package dev.ringmaster.sim.feasibility;

import dev.ringmaster.core.plan.Phase;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What the feasibility check takes the world to be: the traffic, the healthy value of each metric and how noisy
 * a gauge is from tick to tick. The baseline gets the rest of the sessions, at least 10 % (stragglers, as in
 * {@link dev.ringmaster.sim.Traffic#baselineShare}).
 *
 * @param sessionsPerHour sessions (trials of a rate) per hour at 100 % audience
 * @param healthy         metric → healthy value: a rate as a fraction, a gauge in its own units, a count in events per minute
 * @param noise           metric → a gauge's per-tick relative noise, on each side; gauges not named get {@code gaugeNoise}
 * @param gaugeNoise      the per-tick relative noise of every other gauge
 * @param tick            how often a tick brings data
 * @param countsPerSide   true: a count's healthy value is each side's events per minute (a simulator scenario);
 *                        false: events per minute at 100 %, split between the sides like the sessions
 * @param share           the canary's share of the sessions in a phase, or null when it cannot be told
 */
public record Assumptions(double sessionsPerHour, Map<String, Double> healthy, Map<String, Double> noise, double gaugeNoise,
                          Duration tick, boolean countsPerSide, Function<Phase, Double> share) {
    /** The runner's default tick (docs/run.md). */
    public static final Duration TICK = Duration.ofMinutes(5);
    public static final double DEFAULT_GAUGE_NOISE = 0.05;

    public Assumptions {
        healthy = Map.copyOf(healthy);
        noise = Map.copyOf(noise);
    }

    /** {@code validate --traffic}: a phase's share is its percentage; cohorts, groups and rings have none. */
    public static Assumptions atTraffic(double sessionsPerHour, Map<String, Double> healthy, double gaugeNoise) {
        return new Assumptions(sessionsPerHour, healthy, Map.of(), gaugeNoise, TICK, false,
                p -> p.percent() != null && p.percent() > 0 ? p.percent() / 100 : null);
    }

    /** The benchmark's world: {@link #atTraffic(double, Map, double)} with gauges ±5 % per tick. */
    public static Assumptions atTraffic(double sessionsPerHour, Map<String, Double> healthy) {
        return atTraffic(sessionsPerHour, healthy, DEFAULT_GAUGE_NOISE);
    }

    double noiseOf(String metric) {
        return noise.getOrDefault(metric, gaugeNoise);
    }
}

package dev.ringmaster.bench;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's plan and scenarios (GATES.md "The benchmark"). The plan is a three-step staged rollout
 * with a relative crash-rate gate, an absolute error-rate gate and a relative p75-latency gate: what seeds
 * 000, 002 and 004 ask for, small enough to run hundreds of thousands of rollouts.
 */
public final class BenchSuite {
    public static final Duration TICK = Duration.ofMinutes(5);
    /** Audience per phase (%), soak and maxSoak: 5 % for 24 h, 25 % for 24 h, then 100 %. */
    public static final double[] AUDIENCE = {5, 25, 100};
    public static final Duration SOAK = Duration.ofHours(24);
    public static final Duration MAX_SOAK = Duration.ofHours(96);
    public static final double FALSE_HALT_RATE = 0.01;
    public static final double GAUGE_NOISE = 0.05;
    /** Sessions per hour at 100 %: small, medium, large traffic. */
    public static final Map<String, Double> TRAFFIC = Map.of("small", 20_000.0, "medium", 200_000.0, "large", 2_000_000.0);
    public static final List<String> TRAFFIC_ORDER = List.of("small", "medium", "large");

    /** Healthy builds should reach 100 % within the soak sum + 10 % (GATES.md). */
    public static final double ON_SCHEDULE_HOURS = SOAK.toHours() * (AUDIENCE.length - 1) * 1.1;

    /** The strict plan (events/plans/bench-strict.yaml): the crash gate must rule out +10 % over the baseline. */
    public static final List<BenchMetric> METRICS = plan(null);

    /**
     * The variant `validate --traffic` calls decidable at every traffic level (events/plans/bench-decidable.yaml):
     * the crash gate's PASS rules out a crash rate {@value #DECIDABLE_MARGIN} × over the bound instead of any excess,
     * so a healthy build can show it within the 24 h soak even at 1,000 canary sessions an hour.
     */
    public static final double DECIDABLE_MARGIN = 0.67;
    public static final List<BenchMetric> DECIDABLE = plan(DECIDABLE_MARGIN);

    /** The plan's falseHaltRate split over its gates in each judged phase (docs/gates.md). */
    public static double alphaFail(List<BenchMetric> metrics) {
        return FALSE_HALT_RATE / (metrics.size() * (AUDIENCE.length - 1));
    }

    private static List<BenchMetric> plan(Double crashMargin) {
        return List.of(
                new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX_RELATIVE, 1.1), Duration.ofMinutes(15), crashMargin),
                new BenchMetric("error_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ofMinutes(15)),
                new BenchMetric("latency_p75", MetricKind.GAUGE, new Bound(Bound.Type.MAX_RELATIVE, 1.2), Duration.ofMinutes(15)));
    }

    private BenchSuite() {
    }

    /** Seed 002's relative sizes: crash 0.2 %, errors 0.2 %, p75 200 ms. */
    private static Map<String, double[]> truth(double crash, double error, double latency) {
        return Map.of("crash_rate", new double[] {0.002, 0.002 * crash}, "error_rate", new double[] {0.002, error},
                "latency_p75", new double[] {200, 200 * latency});
    }

    public static List<BenchScenario> scenarios() {
        List<BenchScenario> strict = strict();
        List<BenchScenario> all = new java.util.ArrayList<>(strict);
        strict.stream().filter(s -> List.of("healthy", "crash-x2", "diurnal-healthy").contains(s.name()))
                .map(s -> s.under("decidable", DECIDABLE)).forEach(all::add);
        return List.copyOf(all);
    }

    private static List<BenchScenario> strict() {
        Duration h = Duration.ofHours(1);
        return List.of(
                new BenchScenario("healthy", truth(1, 0.002, 1), null, null, null, null, 0.3, false),
                new BenchScenario("crash-x1.2", truth(1.2, 0.002, 1), null, null, null, null, 0.3, true),
                new BenchScenario("crash-x2", truth(2, 0.002, 1), null, null, null, null, 0.3, true),
                new BenchScenario("crash-x5", truth(5, 0.002, 1), null, null, null, null, 0.3, true),
                new BenchScenario("error-regression", truth(1, 0.015, 1), null, null, null, null, 0.3, true),
                new BenchScenario("latency+30%", truth(1, 0.002, 1.3), null, null, null, null, 0.3, true),
                new BenchScenario("late-onset-x2", truth(2, 0.002, 1), h.multipliedBy(6), null, null, null, 0.3, true),
                new BenchScenario("outage-healthy", truth(1, 0.002, 1), null, "crash_rate", h.multipliedBy(2), h, 0.3, false),
                new BenchScenario("outage-x2", truth(2, 0.002, 1), null, "crash_rate", h.multipliedBy(2), h, 0.3, true),
                new BenchScenario("diurnal-healthy", truth(1, 0.002, 1), null, null, null, null, 0.8, false));
    }
}

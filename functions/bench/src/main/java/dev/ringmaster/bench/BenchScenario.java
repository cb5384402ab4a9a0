package dev.ringmaster.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One world of the benchmark suite (GATES.md): true baseline and canary per metric, an optional onset of
 * the regression, an optional outage of one metric, and the daily traffic swing.
 *
 * @param truth   metric → {baseline, canary}
 * @param onset   the canary behaves like the baseline until this long after the start (late-onset), or null
 * @param outage  metric whose source has no data from {@code outageFrom} for {@code outageFor}, or null
 * @param bad     whether the canary breaks a bound of the benchmark plan (the simulator's truth)
 * @param metrics the plan's gates: {@link BenchSuite#METRICS} (the strict plan) or a variant such as
 *                {@link BenchSuite#DECIDABLE}
 */
public record BenchScenario(String name, Map<String, double[]> truth, Duration onset, String outage, Duration outageFrom,
                            Duration outageFor, double diurnal, boolean bad, List<BenchMetric> metrics) {

    public BenchScenario(String name, Map<String, double[]> truth, Duration onset, String outage, Duration outageFrom,
                         Duration outageFor, double diurnal, boolean bad) {
        this(name, truth, onset, outage, outageFrom, outageFor, diurnal, bad, BenchSuite.METRICS);
    }

    /** The same world judged under another plan's gates, named {@code name-suffix}. */
    public BenchScenario under(String suffix, List<BenchMetric> plan) {
        return new BenchScenario(name + "-" + suffix, truth, onset, outage, outageFrom, outageFor, diurnal, bad, plan);
    }

    public TrueEffect effect() {
        return new TrueEffect(truth);
    }

    public double canaryAt(String metric, Duration sinceStart) {
        double[] t = truth.get(metric);
        return onset != null && sinceStart.compareTo(onset) < 0 ? t[0] : t[1];
    }

    public boolean inOutage(String metric, Duration sinceStart) {
        return metric.equals(outage) && sinceStart.compareTo(outageFrom) >= 0 && sinceStart.compareTo(outageFrom.plus(outageFor)) < 0;
    }
}

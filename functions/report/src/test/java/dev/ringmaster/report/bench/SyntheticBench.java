package dev.ringmaster.report.bench;

import dev.ringmaster.bench.BenchResult;
import dev.ringmaster.bench.TargetCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Made-up benchmark results for the report tests, without running the benchmark: two healthy and three bad
 * scenarios × three traffic levels × four policies, with exposures that grow with traffic and differ by policy.
 */
final class SyntheticBench {
    static final List<String> HEALTHY = List.of("healthy", "outage-healthy");
    static final List<String> BAD = List.of("crash-x2", "crash-x5", "late-onset-x2");
    static final List<String> TRAFFIC = List.of("small", "medium", "large");
    static final List<String> POLICIES = List.of("naive", "sustained", "ringmaster", "oracle");
    static final int RUNS = 200;
    static final int RESULTS = (HEALTHY.size() + BAD.size()) * TRAFFIC.size() * POLICIES.size();
    /** Trade-off charts (one per traffic level) and distribution charts (one per bad scenario). */
    static final int CHARTS = TRAFFIC.size() + BAD.size();

    private SyntheticBench() {
    }

    static List<BenchResult> results() {
        List<BenchResult> out = new ArrayList<>();
        for (String scenario : List.of("healthy", "crash-x2", "crash-x5", "outage-healthy", "late-onset-x2")) {
            boolean bad = BAD.contains(scenario);
            for (int t = 0; t < TRAFFIC.size(); t++) {
                double sessionsPerHour = 20_000 * Math.pow(10, t);
                for (int p = 0; p < POLICIES.size(); p++) {
                    out.add(bad ? bad(scenario, TRAFFIC.get(t), p, sessionsPerHour) : healthy(scenario, TRAFFIC.get(t), p));
                }
            }
        }
        return out;
    }

    /** naive halts often by mistake, sustained less, ringmaster and the oracle almost never. */
    private static BenchResult healthy(String scenario, String traffic, int policy) {
        double falseHalt = new double[] {0.22, 0.06, 0.005, 0}[policy] + (scenario.startsWith("outage") ? 0.01 : 0);
        return new BenchResult(scenario, traffic, POLICIES.get(policy), RUNS, falseHalt, policy == 2 ? 0.01 : 0, Double.NaN,
                Double.NaN, Double.NaN, 48 + policy, 576 + policy, List.of());
    }

    /** Exposure hours before the halt: naive is quick, sustained slow, ringmaster near the oracle. */
    private static BenchResult bad(String scenario, String traffic, int policy, double sessionsPerHour) {
        double hours = new double[] {0.5, 6, 1.2, 0.8}[policy] * (scenario.equals("crash-x5") ? 0.3 : 1)
                * (scenario.startsWith("late") ? 4 : 1);
        double scale = sessionsPerHour * 0.05 * hours;
        List<Double> exposures = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            double u = (i + 0.5) / RUNS;
            exposures.add(scale * (0.3 + 1.4 * u * u + (i == RUNS - 1 ? 4 : 0)));
        }
        double mean = exposures.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double p95 = BenchModel.quantile(exposures, 0.95);
        double missed = policy == 1 ? 0.04 : 0;
        return new BenchResult(scenario, traffic, POLICIES.get(policy), RUNS, Double.NaN, 0, missed, mean, p95, Double.NaN,
                12 + policy, exposures);
    }

    static List<TargetCheck> targets(String hostile) {
        return List.of(
                new TargetCheck("false-halt", "≤ 1 % on every healthy scenario", "1.5 % worst (outage-healthy, large)", false),
                new TargetCheck("missed-bad", "≤ 1 % for ×2 and worse", "0.0 % worst (crash-x2, small)", true),
                new TargetCheck("exposure-vs-oracle-small", "mean exposure to ×2 within 2× of the oracle (small)", hostile, true));
    }
}

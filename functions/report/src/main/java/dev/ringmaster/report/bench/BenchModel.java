package dev.ringmaster.report.bench;

import dev.ringmaster.bench.BenchResult;
import dev.ringmaster.bench.BenchSuite;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The results arranged for the page: scenarios and policies in the order the benchmark produced them, traffic
 * levels small → large (then any other in order of appearance). A scenario is healthy when its rows carry a
 * false-halt rate, bad otherwise (the benchmark writes NaN where a figure does not apply).
 */
final class BenchModel {
    /** The trade-off chart's y axis: the ×2 crash regression every policy must catch. */
    static final String TRADE_OFF_SCENARIO = "crash-x2";

    final List<BenchResult> results;
    final List<String> scenarios;
    final List<String> traffic;
    final List<String> policies;

    BenchModel(List<BenchResult> results) {
        this.results = List.copyOf(results);
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> traffic = new LinkedHashSet<>();
        Set<String> policies = new LinkedHashSet<>();
        results.forEach(r -> {
            scenarios.add(r.scenario());
            policies.add(r.policy());
        });
        BenchSuite.TRAFFIC_ORDER.stream().filter(t -> results.stream().anyMatch(r -> r.traffic().equals(t))).forEach(traffic::add);
        results.forEach(r -> traffic.add(r.traffic()));
        this.scenarios = List.copyOf(scenarios);
        this.traffic = List.copyOf(traffic);
        this.policies = List.copyOf(policies);
    }

    static boolean healthy(BenchResult r) {
        return !Double.isNaN(r.falseHaltRate());
    }

    boolean bad(String scenario) {
        return rows(scenario).stream().noneMatch(BenchModel::healthy);
    }

    List<String> badScenarios() {
        return scenarios.stream().filter(this::bad).toList();
    }

    /** A scenario's rows, traffic first, then policy, whatever order they came in. */
    List<BenchResult> rows(String scenario) {
        List<BenchResult> out = new ArrayList<>();
        for (String t : traffic) {
            for (String p : policies) {
                find(scenario, t, p).ifPresent(out::add);
            }
        }
        return out;
    }

    Optional<BenchResult> find(String scenario, String traffic, String policy) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic) && r.policy().equals(policy))
                .findFirst();
    }

    /** The policy's highest false-halt rate over the healthy scenarios at this traffic; NaN when it ran none. */
    double worstFalseHalt(String policy, String traffic) {
        return results.stream().filter(r -> r.policy().equals(policy) && r.traffic().equals(traffic) && healthy(r))
                .mapToDouble(BenchResult::falseHaltRate).max().orElse(Double.NaN);
    }

    String subtitle() {
        IntSummaryStatistics runs = results.stream().mapToInt(BenchResult::runs).summaryStatistics();
        String perCell = results.isEmpty() ? "no runs" : runs.getMin() == runs.getMax() ? runs.getMax() + " runs per cell"
                : runs.getMin() + "–" + runs.getMax() + " runs per cell";
        long bad = badScenarios().size();
        return scenarios.size() + " scenarios (" + (scenarios.size() - bad) + " healthy, " + bad + " bad) × " + traffic.size()
                + " traffic levels × " + policies.size() + " policies (" + String.join(", ", policies) + ") · " + perCell;
    }

    /** Nearest-rank quantile of sorted values, as the benchmark computes its p95; NaN when there are none. */
    static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
    }

    /** Exposure figures of one bad-scenario row, for the distribution chart and its tooltip. */
    static Map<String, Object> spread(BenchResult r) {
        List<Double> e = r.exposures();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("min", BenchData.finite(e.isEmpty() ? Double.NaN : e.get(0)));
        out.put("median", BenchData.finite(quantile(e, 0.5)));
        out.put("mean", BenchData.finite(r.meanExposure()));
        out.put("p95", BenchData.finite(r.p95Exposure()));
        out.put("max", BenchData.finite(e.isEmpty() ? Double.NaN : e.get(e.size() - 1)));
        out.put("missedBad", BenchData.finite(r.missedBadRate()));
        out.put("runs", r.runs());
        return out;
    }
}

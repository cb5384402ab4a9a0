package dev.ringmaster.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** GATES.md's targets for the production policy, checked against one benchmark run. */
public final class Targets {
    static final String RINGMASTER = "ringmaster";
    static final String ORACLE = "oracle";
    /** "×2 and worse". */
    static final Set<String> SEVERE = Set.of("crash-x2", "crash-x5", "late-onset-x2", "outage-x2");
    static final Set<String> BASELINES = Set.of("naive", "sustained", "argo", "flagger", "kayenta");

    private Targets() {
    }

    public static List<TargetCheck> check(List<BenchResult> results) {
        List<TargetCheck> out = new ArrayList<>();
        List<BenchResult> ours = results.stream().filter(r -> r.policy().equals(RINGMASTER)).toList();
        ours.stream().filter(r -> !Double.isNaN(r.falseHaltRate())).max(Comparator.comparingDouble(BenchResult::falseHaltRate))
                .ifPresent(w -> out.add(new TargetCheck("false-halt", "≤ 1 % on every healthy scenario",
                        pct(w.falseHaltRate()) + " worst (" + w.scenario() + ", " + w.traffic() + ")", w.falseHaltRate() <= 0.01)));
        ours.stream().filter(r -> SEVERE.contains(r.scenario())).max(Comparator.comparingDouble(BenchResult::missedBadRate))
                .ifPresent(w -> out.add(new TargetCheck("missed-bad", "≤ 1 % for ×2 and worse",
                        pct(w.missedBadRate()) + " worst (" + w.scenario() + ", " + w.traffic() + ")", w.missedBadRate() <= 0.01)));
        for (String traffic : BenchSuite.TRAFFIC_ORDER) {
            Optional<BenchResult> mine = find(results, "crash-x2", traffic, RINGMASTER);
            if (mine.isEmpty()) {
                continue;
            }
            Optional<BenchResult> best = results.stream()
                    .filter(r -> r.scenario().equals("crash-x2") && r.traffic().equals(traffic) && BASELINES.contains(r.policy()))
                    .filter(r -> worstFalseHalt(results, r.policy(), traffic) <= 0.05)
                    .min(Comparator.comparingDouble(BenchResult::meanExposure));
            if (best.isPresent()) {
                double ratio = mine.get().meanExposure() / best.get().meanExposure();
                out.add(new TargetCheck("exposure-vs-baselines-" + traffic,
                        "mean exposure to ×2 ≤ 1/3 of the best baseline policy with false-halt ≤ 5 % (" + traffic + ")",
                        String.format(Locale.ROOT, "%.2f× %s (%,.0f vs %,.0f sessions)", ratio, best.get().policy(),
                                mine.get().meanExposure(), best.get().meanExposure()), ratio <= 1.0 / 3));
            } else {
                out.add(new TargetCheck("exposure-vs-baselines-" + traffic,
                        "mean exposure to ×2 ≤ 1/3 of the best baseline policy with false-halt ≤ 5 % (" + traffic + ")",
                        "no baseline policy keeps its false-halt rate ≤ 5 % at " + traffic + " traffic", true));
            }
            find(results, "crash-x2", traffic, ORACLE).ifPresent(o -> {
                double ratio = mine.get().meanExposure() / o.meanExposure();
                out.add(new TargetCheck("exposure-vs-oracle-" + traffic, "mean exposure to ×2 within 2× of the oracle (" + traffic + ")",
                        String.format(Locale.ROOT, "%.2f× (%,.0f vs %,.0f sessions)", ratio, mine.get().meanExposure(), o.meanExposure()),
                        ratio <= 2));
            });
        }
        double soakSum = BenchSuite.SOAK.toHours() * (BenchSuite.AUDIENCE.length - 1);
        ours.stream().filter(r -> !Double.isNaN(r.falseHaltRate()))
                .max(Comparator.comparingDouble(r -> Double.isNaN(r.medianHoursTo100()) ? Double.MAX_VALUE : r.medianHoursTo100()))
                .ifPresent(w -> out.add(new TargetCheck("hours-to-100", "median hours to 100 % on healthy builds within 10 % of the soak sum ("
                        + (long) soakSum + " h)", String.format(Locale.ROOT, "%.1f h worst (%s, %s)", w.medianHoursTo100(), w.scenario(), w.traffic()),
                        w.medianHoursTo100() <= soakSum * 1.1)));
        return out;
    }

    private static double worstFalseHalt(List<BenchResult> results, String policy, String traffic) {
        return results.stream().filter(r -> r.policy().equals(policy) && r.traffic().equals(traffic) && !Double.isNaN(r.falseHaltRate()))
                .mapToDouble(BenchResult::falseHaltRate).max().orElse(1);
    }

    private static Optional<BenchResult> find(List<BenchResult> results, String scenario, String traffic, String policy) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic) && r.policy().equals(policy)).findFirst();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}

package dev.ringmaster.bench;

import dev.ringmaster.bench.validity.PassTimes;
import dev.ringmaster.bench.validity.SparseCheck;
import dev.ringmaster.bench.validity.SpikeCheck;
import dev.ringmaster.bench.validity.ValidityGrid;
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
    static final Set<String> SEVERE = Set.of("crash-x2", "crash-x5", "late-onset-x2", "outage-x2", "crash-x2-decidable");
    /** Where exposure is held to the oracle and the peers: ×2 from the start and from 6 h in. */
    static final List<String> EXPOSURE = List.of("crash-x2", "late-onset-x2");
    static final double ORACLE_RATIO = 1.25;
    static final double PEER_FALSE_HALT = 0.05;
    static final double SPIKE_MINUTES = 30;
    static final double ON_SCHEDULE = 0.99;
    static final double PREDICTION = 0.30;

    private Targets() {
    }

    /**
     * @param predicted per traffic and phase of the strict plan, the time to PASS `validate --traffic` predicts
     *                  (hours; NaN beyond its horizon), in the order of {@code passTimes}; empty to skip the check
     */
    public static List<TargetCheck> check(List<BenchResult> results, List<ValidityGrid.Cell> grid, SpikeCheck.Result spike,
                                          SparseCheck.Result sparse, List<PassTimes.PassTime> passTimes, List<Double> predicted, double seconds) {
        List<TargetCheck> out = new ArrayList<>();
        List<BenchResult> ours = results.stream().filter(r -> r.policy().equals(RINGMASTER)).toList();
        ours.stream().filter(r -> !Double.isNaN(r.falseHaltRate())).max(Comparator.comparingDouble(BenchResult::falseHaltRate))
                .ifPresent(w -> out.add(new TargetCheck("false-halt", "≤ 1 % on every healthy scenario",
                        pct(w.falseHaltRate()) + " worst (" + w.scenario() + ", " + w.traffic() + ")", w.falseHaltRate() <= 0.01)));
        grid.stream().filter(c -> c.policy().equals(RINGMASTER)).max(Comparator.comparingDouble(ValidityGrid.Cell::falseHaltRate))
                .ifPresent(w -> out.add(new TargetCheck("validity-grid", "≤ α (" + pct(ValidityGrid.ALPHA)
                        + ") in every cell of the small-count grid", pct(w.falseHaltRate()) + " worst (baseline "
                        + String.format(Locale.ROOT, "%.1f %%, %d sessions per tick, %,d runs)", 100 * w.rate(), w.sessions(), w.runs()),
                        w.falseHaltRate() <= ValidityGrid.ALPHA)));
        ours.stream().filter(r -> SEVERE.contains(r.scenario())).max(Comparator.comparingDouble(BenchResult::missedBadRate))
                .ifPresent(w -> out.add(new TargetCheck("missed-bad", "≤ 1 % for ×2 and worse",
                        pct(w.missedBadRate()) + " worst (" + w.scenario() + ", " + w.traffic() + ")", w.missedBadRate() <= 0.01)));
        for (String scenario : EXPOSURE) {
            for (String traffic : BenchSuite.TRAFFIC_ORDER) {
                exposure(results, scenario, traffic, out);
            }
        }
        out.add(new TargetCheck("late-spike", "a 3 % error spike late in a 25 % cohort halted by the 5-minute rule within "
                + (int) SPIKE_MINUTES + " minutes of its onset", String.format(Locale.ROOT,
                "%s: median %.0f min, worst %.0f min, %s missed, %s halted before the spike (%d runs)", spike.rule(),
                spike.median(), spike.max(), pct(spike.missedRate()), pct(spike.falseHaltRate()), spike.runs()),
                spike.max() <= SPIKE_MINUTES && spike.missedRate() == 0 && spike.falseHaltRate() <= 0.01));
        out.add(new TargetCheck("sparse-data", "ringmaster FAILs the spinnaker/spinnaker#6278 fixture (Kayenta: " + sparse.kayenta() + ")",
                sparse.ringmaster().outcome() + ": " + sparse.ringmaster().evidence().reason(),
                sparse.ringmaster().outcome() == dev.ringmaster.core.gate.Outcome.FAIL));
        ours.stream().filter(r -> r.scenario().endsWith("-decidable") && !Double.isNaN(r.onScheduleRate()))
                .min(Comparator.comparingDouble(BenchResult::onScheduleRate))
                .ifPresent(w -> out.add(new TargetCheck("on-schedule", "healthy builds of the decidable plan reach 100 % within "
                        + String.format(Locale.ROOT, "%.1f h", BenchSuite.ON_SCHEDULE_HOURS) + " in ≥ 99 % of runs at every traffic level",
                        pct(w.onScheduleRate()) + " worst (" + w.scenario() + ", " + w.traffic() + ")", w.onScheduleRate() >= ON_SCHEDULE)));
        for (int i = 0; i < predicted.size() && i < passTimes.size(); i++) {
            PassTimes.PassTime simulated = passTimes.get(i);
            double p = predicted.get(i);
            double error = p / simulated.medianHours() - 1;
            boolean bothBeyond = Double.isNaN(p) && Double.isNaN(simulated.medianHours());
            out.add(new TargetCheck("predicted-pass-" + simulated.traffic() + "-" + (simulated.phase() + 1),
                    "validate --traffic predicts the strict plan's time to PASS within ±30 % of the simulated median ("
                            + simulated.traffic() + ", phase " + (simulated.phase() + 1) + ")",
                    String.format(Locale.ROOT, "predicted %s, simulated median %s (%s)", hours(p), hours(simulated.medianHours()),
                            bothBeyond ? "both beyond " + PassTimes.CAP.toHours() + " h" : String.format(Locale.ROOT, "%+.0f %%", 100 * error)),
                    bothBeyond || Math.abs(error) <= PREDICTION));
        }
        out.add(new TargetCheck("wall-time", "the whole 500-run benchmark in ≤ 3 minutes on 2 cores",
                String.format(Locale.ROOT, "%.1f s on %d cores", seconds, Runtime.getRuntime().availableProcessors()), seconds <= 180));
        return out;
    }

    /** ≤ 1.25× the oracle, and below every peer that keeps healthy builds going (false-halt ≤ 5 % at this traffic). */
    private static void exposure(List<BenchResult> results, String scenario, String traffic, List<TargetCheck> out) {
        Optional<BenchResult> mine = find(results, scenario, traffic, RINGMASTER);
        if (mine.isEmpty()) {
            return;
        }
        double ours = mine.get().meanExposure();
        find(results, scenario, traffic, ORACLE).ifPresent(o -> out.add(new TargetCheck("exposure-vs-oracle-" + scenario + "-" + traffic,
                "mean exposure ≤ 1.25× the oracle (" + scenario + ", " + traffic + ")", String.format(Locale.ROOT,
                "%.2f× (%,.0f vs %,.0f sessions)", ours / o.meanExposure(), ours, o.meanExposure()), ours <= ORACLE_RATIO * o.meanExposure())));
        List<BenchResult> peers = results.stream().filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic))
                .filter(r -> !r.policy().equals(RINGMASTER) && !r.policy().equals(ORACLE))
                .filter(r -> worstFalseHalt(results, r.policy(), traffic) <= PEER_FALSE_HALT)
                .sorted(Comparator.comparingDouble(BenchResult::meanExposure)).toList();
        String goal = "mean exposure below every peer with false-halt ≤ 5 % (" + scenario + ", " + traffic + ")";
        if (peers.isEmpty()) {
            out.add(new TargetCheck("exposure-vs-peers-" + scenario + "-" + traffic, goal, "no peer keeps false-halt ≤ 5 % at " + traffic, true));
            return;
        }
        BenchResult best = peers.get(0);
        out.add(new TargetCheck("exposure-vs-peers-" + scenario + "-" + traffic, goal, String.format(Locale.ROOT,
                "%.2f× %s, the lowest of %d such peers (%,.0f vs %,.0f sessions)", ours / best.meanExposure(), best.policy(), peers.size(),
                ours, best.meanExposure()), ours < best.meanExposure()));
    }

    private static double worstFalseHalt(List<BenchResult> results, String policy, String traffic) {
        return results.stream().filter(r -> r.policy().equals(policy) && r.traffic().equals(traffic) && !Double.isNaN(r.falseHaltRate()))
                .mapToDouble(BenchResult::falseHaltRate).max().orElse(1);
    }

    private static Optional<BenchResult> find(List<BenchResult> results, String scenario, String traffic, String policy) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic) && r.policy().equals(policy)).findFirst();
    }

    private static String hours(double h) {
        return Double.isNaN(h) ? "never within " + PassTimes.CAP.toHours() + " h" : String.format(Locale.ROOT, "%.1f h", h);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}

package dev.ringmaster.sim.feasibility;

import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.AlphaBudget;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.sim.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Before a release: per phase and gate, how long a healthy build takes to PASS and how many canary sessions a ×2
 * build reaches before it FAILs, at a given traffic. It runs the gate {@link #RUNS} times on seeded draws
 * ({@link GateRuns}), judged by the gate engine tick by tick as a rollout would be, and reports the median and the
 * 99th percentile: a gate is decidable within its soak when 99 % of healthy runs PASS by then. The mean path
 * (expected counts) would predict about the mean crossing time, well after the median, and says nothing of the
 * runs that come late. Fixed seeds: the same inputs give the same rows.
 */
public final class FeasibilityCheck {
    public static final int RUNS = 200;
    /**
     * Runs stop at this many times the phase's limit (its maxSoak, else its soak): far enough to name the maxSoak
     * that would fit a slow gate (the strict benchmark plan's first phase needs about 330 h at 20,000/h), and to
     * set the predicted median against the simulated one.
     */
    public static final int HORIZON_LIMITS = 4;
    /** 99 % of the runs: with 200, 198 must PASS in time. */
    static final int NEEDED = (int) Math.ceil(0.99 * RUNS);
    /** Phase starts are arbitrary for the engine; a fixed one keeps the check a function of its inputs. */
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SEED = 0x5EED_F1A5L;
    private static final int MAX_MARGIN_HUNDREDTHS = 99;

    private final Plan plan;
    private final Assumptions world;

    private FeasibilityCheck(Plan plan, Assumptions world) {
        this.plan = plan;
        this.world = world;
    }

    /** One row per statistical gate of every phase, in plan order; checks are reported, not sampled, and get none. */
    public static List<Row> of(Plan plan, Assumptions world) {
        FeasibilityCheck f = new FeasibilityCheck(plan, world);
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < plan.phases().size(); p++) {
            Phase phase = plan.phases().get(p);
            for (int g = 0; g < phase.gates().size(); g++) {
                Gate gate = phase.gates().get(g);
                MetricKind kind = plan.metrics().get(gate.metric()).kind();
                if (kind != MetricKind.CHECK) {
                    rows.add(f.row(phase, gate, kind, SEED + 1_000_003L * p + 7_919L * g));
                }
            }
        }
        return rows;
    }

    private Row row(Phase phase, Gate gate, MetricKind kind, long seed) {
        Duration soak = plan.hotfix() ? plan.hotfixSoak() : phase.soak();
        Duration limit = phase.maxSoak() != null ? phase.maxSoak() : soak;
        Duration horizon = limit.multipliedBy(HORIZON_LIMITS);
        String name = gate.criterion().describe() + (gate.margin() == null ? "" : ", margin " + Numbers.plain(gate.margin()));
        Double share = world.share().apply(phase);
        Double healthy = world.healthy().get(gate.metric());
        if (share == null || share <= 0) {
            return unknown(phase, name, Row.Status.NO_SHARE, soak, horizon, gate,
                    "no percent audience (" + phase.audience() + "): cannot estimate");
        }
        if (healthy == null) {
            return unknown(phase, name, Row.Status.NO_HEALTHY, soak, horizon, gate,
                    "no healthy value for " + gate.metric() + ": cannot estimate");
        }
        Side side = new Side(kind, share, healthy);
        Thresholds t = new Thresholds(AlphaBudget.perTest(plan), plan.falseAdvanceRate(), START, START, false,
                DecisionEngine.horizon(phase));
        GateRuns runs = new GateRuns(gate.metric(), kind, t, world.tick(), side.perTick, healthy * side.baselineScale,
                world.noiseOf(gate.metric()));
        int horizonTicks = ticks(horizon);
        Criterion criterion = gate.criterion();
        int[] decided = IntStream.range(0, RUNS).parallel()
                .map(r -> runs.run(criterion, healthy * side.canaryScale, seed + r, horizonTicks, false)).toArray();
        Duration toPass = quantile(decided, 0.5, true);
        Duration p99 = quantile(decided, 0.99, true);
        if (side.breaks(gate.bound(), healthy)) {
            return new Row(phase.name(), name, gate.metric(), Row.Status.FAILS_HEALTHY, "healthy " + Numbers.sig(healthy)
                    + " is beyond " + gate.bound().describe(), soak, phase.maxSoak(), null, null, quantile(decided, 0.5, false), 0,
                    Row.X2.UNKNOWN, null, gate.advanceInconclusive(), horizon);
        }
        Row.Status status = p99 == null || p99.compareTo(limit) > 0 ? Row.Status.TOO_SLOW
                : p99.compareTo(soak) <= 0 ? Row.Status.IN_SOAK : Row.Status.AFTER_SOAK;
        Double margin = status == Row.Status.TOO_SLOW && !gate.advanceInconclusive()
                ? margin(gate, runs, healthy * side.canaryScale, seed, ticks(limit), slowestFirst(decided)) : null;
        double worse = worse(kind, gate.bound(), healthy);
        if (!side.breaks(gate.bound(), worse)) {
            return new Row(phase.name(), name, gate.metric(), status, null, soak, phase.maxSoak(), toPass, p99, null, 0,
                    Row.X2.WITHIN_BOUND, margin, gate.advanceInconclusive(), horizon);
        }
        long x2Seed = ~seed;
        int[] failed = IntStream.range(0, RUNS).parallel()
                .map(r -> runs.run(criterion, worse * side.canaryScale, x2Seed + r, horizonTicks, true)).toArray();
        Duration toFail = quantile(failed, 0.5, false);
        double exposure = Arrays.stream(failed).mapToLong(k -> runs.trials(k < 0 ? -k : horizonTicks)).average().orElse(0);
        return new Row(phase.name(), name, gate.metric(), status, null, soak, phase.maxSoak(), toPass, p99, toFail, exposure,
                toFail != null ? Row.X2.CAUGHT : Row.X2.NOT_CAUGHT, margin, gate.advanceInconclusive(), horizon);
    }

    /** Traffic on each side of one phase, and how a metric's values scale there. */
    private final class Side {
        final double[] perTick;
        final double canaryScale;
        final double baselineScale;
        final double healthy;

        Side(MetricKind kind, double share, double healthy) {
            double sessions = world.sessionsPerHour() * world.tick().toSeconds() / 3600.0;
            double baselineShare = Traffic.baselineShare(share);
            this.perTick = new double[] {sessions * share, sessions * baselineShare};
            this.healthy = healthy;
            // A count at 100 % splits like the sessions; a scenario gives each side's own.
            boolean split = kind == MetricKind.COUNT && !world.countsPerSide();
            this.canaryScale = split ? share : 1;
            this.baselineScale = split ? baselineShare : 1;
        }

        /** Whether a canary at {@code canary} breaks the bound, on its side's scale (relative bounds against the baseline). */
        boolean breaks(Bound bound, double canary) {
            return FeasibilityCheck.breaks(bound, canary * canaryScale, healthy * baselineScale);
        }
    }

    /**
     * The smallest margin (to 0.01) with which 99 % of healthy runs PASS by the limit; null when none below 1 does.
     * Every margin sees the same draws and a margin moves only the PASS test, so bisection is exact.
     */
    private Double margin(Gate gate, GateRuns runs, double healthy, long seed, int limitTicks, int[] order) {
        if (limitTicks < 1) {
            return null;
        }
        IntPredicate fits = hundredths -> {
            Criterion c = new Criterion(gate.metric(), gate.bound(), gate.window(), hundredths / 100.0, null);
            AtomicInteger late = new AtomicInteger();
            // Once more than 1 % are late the answer is known: the remaining runs are skipped, and the runs
            // slowest at the plan's margin go first, so a margin too small is told after a few of them.
            Arrays.stream(order).parallel().forEach(r -> {
                if (late.get() <= RUNS - NEEDED && runs.run(c, healthy, seed + r, limitTicks, false) <= 0) {
                    late.incrementAndGet();
                }
            });
            return late.get() <= RUNS - NEEDED;
        };
        int lo = gate.margin() == null ? 0 : (int) Math.floor(gate.margin() * 100);
        int hi = MAX_MARGIN_HUNDREDTHS;
        if (!fits.test(hi)) {
            return null;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fits.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi / 100.0;
    }

    /** The runs' indices, those that never PASSed first, then by their time to PASS, latest first. */
    private static int[] slowestFirst(int[] decided) {
        return IntStream.range(0, decided.length).boxed()
                .sorted(Comparator.comparingInt((Integer r) -> decided[r] > 0 ? decided[r] : Integer.MAX_VALUE).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * The nearest-rank q-quantile of the runs' decision ticks, counting only PASSes ({@code pass}) or only FAILs:
     * runs without one count as later than every tick. Null when that quantile is one of them.
     */
    private Duration quantile(int[] decided, double q, boolean pass) {
        int[] ticks = Arrays.stream(decided).map(k -> pass ? (k > 0 ? k : Integer.MAX_VALUE) : (k < 0 ? -k : Integer.MAX_VALUE))
                .sorted().toArray();
        int k = ticks[(int) Math.ceil(q * ticks.length) - 1];
        return k == Integer.MAX_VALUE ? null : world.tick().multipliedBy(k);
    }

    private int ticks(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds() / world.tick().toSeconds());
    }

    /**
     * A build twice as bad: twice the value where larger is worse; where smaller is worse, half of it, or for a
     * success rate twice the failures.
     */
    static double worse(MetricKind kind, Bound bound, double healthy) {
        if (bound.upper()) {
            return kind == MetricKind.RATE ? Math.min(1, 2 * healthy) : 2 * healthy;
        }
        return kind == MetricKind.RATE ? Math.max(0, 1 - 2 * (1 - healthy)) : healthy / 2;
    }

    /** Whether the true canary value breaks the bound (relative bounds against the healthy baseline). */
    static boolean breaks(Bound bound, double canary, double baseline) {
        return switch (bound.type()) {
            case MAX -> canary > bound.value();
            case MIN -> canary < bound.value();
            case MAX_RELATIVE -> canary > bound.value() * baseline;
            case MIN_RELATIVE -> canary < bound.value() * baseline;
            case PASS -> false;
        };
    }

    private Row unknown(Phase phase, String name, Row.Status status, Duration soak, Duration horizon, Gate gate, String reason) {
        return new Row(phase.name(), name, gate.metric(), status, reason, soak, phase.maxSoak(), null, null, null, 0, Row.X2.UNKNOWN,
                null, gate.advanceInconclusive(), horizon);
    }
}

package dev.ringmaster.core.feasibility;

import dev.ringmaster.core.gate.Criterion;
import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.AlphaBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Before a release: per phase and gate, the expected time for a healthy build to PASS and the canary sessions a
 * ×2 build reaches before it FAILs, at a given traffic. It asks the gate engine itself, on the expected data
 * ({@link ExpectedSeries}), so its figures follow whatever the statistics are. Pure: no clock, no randomness.
 */
public final class Feasibility {
    /** How far to look for a decision: at least this long, and ten times the phase's limit. */
    static final Duration MIN_HORIZON = Duration.ofHours(2000);
    /** Phase starts are arbitrary for the engine; a fixed one keeps the check a function of its inputs. */
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final double MAX_MARGIN = 0.99;

    private final GateEngine engine = new GateEngine();
    private final Plan plan;
    private final Assumptions world;

    private Feasibility(Plan plan, Assumptions world) {
        this.plan = plan;
        this.world = world;
    }

    /** One row per statistical gate of every phase, in plan order; checks are reported, not sampled, and get none. */
    public static List<Row> of(Plan plan, Assumptions world) {
        Feasibility f = new Feasibility(plan, world);
        List<Row> rows = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            for (Gate gate : phase.gates()) {
                MetricKind kind = plan.metrics().get(gate.metric()).kind();
                if (kind != MetricKind.CHECK) {
                    rows.add(f.row(phase, gate, kind));
                }
            }
        }
        return rows;
    }

    private Row row(Phase phase, Gate gate, MetricKind kind) {
        Duration soak = plan.hotfix() ? plan.hotfixSoak() : phase.soak();
        Duration limit = phase.maxSoak() != null ? phase.maxSoak() : soak;
        Duration horizon = max(MIN_HORIZON, limit.multipliedBy(10));
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
        Side side = new Side(phase, kind, share, healthy);
        int ticks = (int) Math.min(Integer.MAX_VALUE, horizon.toSeconds() / world.tick().toSeconds());
        int limitTicks = (int) (limit.toSeconds() / world.tick().toSeconds());
        MetricSeries healthySeries = side.series(gate.metric(), healthy, ticks);
        Criterion criterion = gate.criterion();
        int decided = first(k -> judge(criterion, kind, healthySeries, k) != Outcome.INCONCLUSIVE, ticks);
        if (decided > 0 && judge(criterion, kind, healthySeries, decided) == Outcome.FAIL) {
            return new Row(phase.name(), name, gate.metric(), Row.Status.FAILS_HEALTHY, "healthy " + Numbers.sig(healthy) + " is beyond "
                    + gate.bound().describe(), soak, phase.maxSoak(), null, at(decided), 0, Row.X2.UNKNOWN, null,
                    gate.advanceInconclusive(), horizon);
        }
        Duration toPass = decided > 0 ? at(decided) : null;
        Row.Status status = toPass == null || toPass.compareTo(limit) > 0 ? Row.Status.TOO_SLOW
                : toPass.compareTo(soak) <= 0 ? Row.Status.IN_SOAK : Row.Status.AFTER_SOAK;
        Double margin = status == Row.Status.TOO_SLOW ? margin(gate, kind, healthySeries, limitTicks) : null;
        double worse = worse(kind, gate.bound(), healthy);
        MetricSeries x2Series = side.series(gate.metric(), worse, ticks);
        int failed = first(k -> judge(criterion, kind, x2Series, k) == Outcome.FAIL, ticks);
        Row.X2 x2 = failed > 0 ? Row.X2.CAUGHT : side.breaks(gate.bound(), worse) ? Row.X2.NOT_CAUGHT : Row.X2.WITHIN_BOUND;
        return new Row(phase.name(), name, gate.metric(), status, null, soak, phase.maxSoak(), toPass, failed > 0 ? at(failed) : null,
                failed > 0 ? ExpectedSeries.trials(side.perTick[0], failed) : 0, x2, margin, gate.advanceInconclusive(), horizon);
    }

    /** Traffic on each side of one phase and the metric's true values there. */
    private final class Side {
        final double[] perTick;
        final double canaryScale;
        final double baselineScale;
        final MetricKind kind;
        final double healthy;

        Side(Phase phase, MetricKind kind, double share, double healthy) {
            double sessions = world.sessionsPerHour() * world.tick().toSeconds() / 3600.0;
            double baselineShare = Assumptions.baselineShare(share);
            this.perTick = new double[] {sessions * share, sessions * baselineShare};
            this.kind = kind;
            this.healthy = healthy;
            // A count at 100 % splits like the sessions; a scenario gives each side's own.
            boolean split = kind == MetricKind.COUNT && !world.countsPerSide();
            this.canaryScale = split ? share : 1;
            this.baselineScale = split ? baselineShare : 1;
        }

        /** Whether a canary at {@code canary} breaks the bound, on its side's scale (relative bounds against the baseline). */
        boolean breaks(Bound bound, double canary) {
            return Feasibility.breaks(bound, canary * canaryScale, healthy * baselineScale);
        }

        MetricSeries series(String metric, double canary, int ticks) {
            return ExpectedSeries.of(metric, kind, canary * canaryScale, healthy * baselineScale, perTick,
                    world.noiseOf(metric), world.tick(), START, ticks);
        }
    }

    private Outcome judge(Criterion criterion, MetricKind kind, MetricSeries series, int tick) {
        Instant now = START.plus(world.tick().multipliedBy(tick));
        Thresholds t = new Thresholds(AlphaBudget.perTest(plan), plan.falseAdvanceRate(), now, START, false);
        return engine.judge(criterion, kind, series, t).outcome();
    }

    /**
     * The smallest margin (to 0.01) with which the healthy build PASSes by the limit; null when none below 1 does.
     * A margin only moves the PASS test, so a larger one never PASSes later.
     */
    private Double margin(Gate gate, MetricKind kind, MetricSeries healthy, int limitTicks) {
        if (limitTicks < 1) {
            return null;
        }
        IntPredicate passes = hundredths -> judge(new Criterion(gate.metric(), gate.bound(), gate.window(),
                hundredths / 100.0, null), kind, healthy, limitTicks) == Outcome.PASS;
        int lo = gate.margin() == null ? 0 : (int) Math.floor(gate.margin() * 100);
        int hi = (int) (MAX_MARGIN * 100);
        if (!passes.test(hi)) {
            return null;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (passes.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi / 100.0;
    }

    /**
     * The first tick in [1, max] where {@code decided} holds, or 0: doubling, then bisection. On expected data the
     * mixture's log evidence is a log-sum-exp of lines in time, convex, so once a threshold is crossed it stays crossed.
     */
    static int first(IntPredicate decided, int max) {
        int lo = 0;
        int hi = 1;
        while (hi < max && !decided.test(hi)) {
            lo = hi;
            hi = (int) Math.min((long) hi * 2, max);
        }
        if (hi >= max && !decided.test(max)) {
            return 0;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (decided.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
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
        return new Row(phase.name(), name, gate.metric(), status, reason, soak, phase.maxSoak(), null, null, 0, Row.X2.UNKNOWN, null,
                gate.advanceInconclusive(), horizon);
    }

    private Duration at(int tick) {
        return world.tick().multipliedBy(tick);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

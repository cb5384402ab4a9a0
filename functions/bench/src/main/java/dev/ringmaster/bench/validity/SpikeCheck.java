package dev.ringmaster.bench.validity;

import dev.ringmaster.bench.Bench;
import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.AlphaBudget;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.sim.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Seed 004's late error spike: in the beta cohort (25 % of 4,000,000 sessions an hour), the error rate jumps from
 * 0.2 % to 3 % forty hours into the phase. The plan's halt rule "error rate &gt; 1 % for 5 minutes" is judged
 * every tick exactly as the decision engine judges it (its criterion, the plan's α share and the phase's
 * horizon); the check measures the minutes from the onset to the rule's FAIL, and whether it ever FAILed on the
 * healthy hours before.
 */
public final class SpikeCheck {
    public static final double SESSIONS_PER_HOUR = 4_000_000;
    public static final double HEALTHY = 0.002;
    public static final double SPIKE = 0.03;
    public static final Duration ONSET = Duration.ofHours(40);
    /** How long after the onset a run keeps watching before it counts as missed. */
    static final Duration WATCH = Duration.ofHours(2);
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private SpikeCheck() {
    }

    /**
     * @param minutesToHalt per run, sorted: minutes from the onset to the FAIL (NaN when none within two hours)
     */
    public record Result(String phase, String rule, int runs, double falseHaltRate, double[] minutesToHalt) {
        public double median() {
            return Bench.quantile(caught(), 0.5);
        }

        public double max() {
            return minutesToHalt.length == 0 ? Double.NaN : minutesToHalt[minutesToHalt.length - 1];
        }

        public double missedRate() {
            return (double) Arrays.stream(minutesToHalt).filter(Double::isNaN).count() / runs;
        }

        private double[] caught() {
            return Arrays.stream(minutesToHalt).filter(m -> !Double.isNaN(m)).toArray();
        }
    }

    /** Seed 004's plan: its {@code beta} phase and its halting rule on {@code error_rate}. */
    public static Result run(Plan plan, int runs, long seed) {
        Phase phase = plan.phases().get(plan.indexOf("beta"));
        HaltRule rule = plan.haltRules().stream().filter(h -> h.metric().equals("error_rate") && h.halts()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(plan.id() + ": no halting rule on error_rate"));
        double perTick = SESSIONS_PER_HOUR * phase.percent() / 100 * TICK.toSeconds() / 3600.0;
        double[] minutes = Bench.onEveryCore(() -> IntStream.range(0, runs).parallel()
                .mapToDouble(r -> minutesToHalt(plan, phase, rule, Math.round(perTick), seed + r)).toArray());
        long falseHalts = Arrays.stream(minutes).filter(m -> m < 0).count();
        double[] sorted = Arrays.stream(minutes).filter(m -> !(m < 0)).sorted().toArray();
        return new Result(phase.name(), rule.label(), runs, (double) falseHalts / runs, sorted);
    }

    /** Minutes from the onset to the rule's FAIL; negative when it FAILed before the onset; NaN when never. */
    static double minutesToHalt(Plan plan, Phase phase, HaltRule rule, long sessions, long seed) {
        GateEngine engine = new GateEngine();
        Sampler sampler = new Sampler(seed);
        Duration scope = rule.window() != null ? rule.window() : rule.sustain();
        // The rule looks back over its scope and, for its `for`, the windows ending up to `for` earlier.
        Duration memory = scope.plus(rule.sustain() == null ? Duration.ZERO : rule.sustain()).plus(TICK);
        ArrayDeque<Sample> recent = new ArrayDeque<>();
        long ticks = ONSET.plus(WATCH).dividedBy(TICK);
        for (long k = 1; k <= ticks; k++) {
            Duration t = TICK.multipliedBy(k);
            Instant at = START.plus(t);
            // A tick's data covers the 5 minutes before it: it shows the spike once the onset lies behind it.
            double p = t.compareTo(ONSET) > 0 ? SPIKE : HEALTHY;
            recent.addLast(new Sample(at, new Measure.Counts(sampler.binomial(sessions, p), sessions), null));
            while (!recent.peekFirst().at().isAfter(at.minus(memory))) {
                recent.removeFirst();
            }
            Thresholds th = new Thresholds(AlphaBudget.perTest(plan), plan.falseAdvanceRate(), at, START, false,
                    DecisionEngine.horizon(phase));
            Outcome o = engine.judge(rule.criterion(), plan.metrics().get(rule.metric()).kind(),
                    new MetricSeries(rule.metric(), new ArrayList<>(recent), false), th).outcome();
            if (o == Outcome.FAIL) {
                return t.minus(ONSET).toSeconds() / 60.0;
            }
        }
        return Double.NaN;
    }
}

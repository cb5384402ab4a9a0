package dev.ringmaster.bench.validity;

import dev.ringmaster.bench.Bench;
import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.sim.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Is each sequential policy's false-halt rate what it claims when counts are tiny? Healthy rollouts (canary and
 * baseline at the same rate), watched for 7 days of 5-minute ticks without ever advancing, at baseline rates of
 * 0.1 %, 0.5 % and 1 % and 50, 150 and 500 sessions per tick on each side, counts drawn exactly (binomial by
 * inversion, no Poisson or normal shortcut). The gate is seed 000's "no increase": {@code maxRelative: 1.0}, the
 * edge of the null, where a test's error rate is at its largest; its α is the plan's whole 1 %.
 */
public final class ValidityGrid {
    public static final double[] RATES = {0.001, 0.005, 0.01};
    public static final int[] SESSIONS = {50, 150, 500};
    public static final Duration TICK = Duration.ofMinutes(5);
    public static final Duration SPAN = Duration.ofDays(7);
    public static final double ALPHA = 0.01;
    static final BenchMetric GATE = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX_RELATIVE, 1.0),
            Duration.ofMinutes(15));
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private ValidityGrid() {
    }

    /** One cell for one policy: the share of healthy rollouts it ever halted. */
    public record Cell(double rate, int sessions, String policy, int runs, double falseHaltRate) {
    }

    public static List<Cell> run(List<Policy> policies, int runs, long seed) {
        List<Cell> cells = new ArrayList<>();
        for (double rate : RATES) {
            for (int sessions : SESSIONS) {
                int[] halted = Bench.onEveryCore(() -> IntStream.range(0, runs).parallel()
                        .mapToObj(r -> rollout(policies, rate, sessions, seed + r))
                        .reduce(new int[policies.size()], ValidityGrid::add));
                for (int i = 0; i < policies.size(); i++) {
                    cells.add(new Cell(rate, sessions, policies.get(i).name(), runs, (double) halted[i] / runs));
                }
            }
        }
        return cells;
    }

    /** Which policies halted this healthy rollout: one observation stream, every policy on it. */
    static int[] rollout(List<Policy> policies, double rate, int sessions, long seed) {
        TrueEffect truth = new TrueEffect(Map.of(GATE.name(), new double[] {rate, rate}));
        PhaseJudge[] judges = policies.stream().map(p -> p.judge(List.of(GATE), START, TICK, truth, ALPHA))
                .toArray(PhaseJudge[]::new);
        int[] halted = new int[judges.length];
        int running = judges.length;
        Sampler sampler = new Sampler(seed * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(rate) + sessions);
        long ticks = SPAN.dividedBy(TICK);
        for (long k = 1; k <= ticks && running > 0; k++) {
            Instant at = START.plus(TICK.multipliedBy(k));
            Sample s = new Sample(at, new Measure.Counts(sampler.exactBinomial(sessions, rate), sessions),
                    new Measure.Counts(sampler.exactBinomial(sessions, rate), sessions));
            Map<String, Sample> tick = Map.of(GATE.name(), s);
            for (int i = 0; i < judges.length; i++) {
                if (halted[i] == 0 && judges[i].onTick(at, tick) == PhaseJudge.Call.FAIL) {
                    halted[i] = 1;
                    running--;
                }
            }
        }
        return halted;
    }

    private static int[] add(int[] a, int[] b) {
        int[] sum = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}

package dev.ringmaster.bench;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.sim.Sampler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated rollout of the benchmark plan under one policy. Observations use common random numbers:
 * tick k of phase j of run r draws from a generator seeded by (r, j, k) alone, so every policy sees the
 * same sessions and values wherever its decisions coincide, and differences in the table come from the
 * policies, not from luck.
 */
public final class BenchRun {
    static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private BenchRun() {
    }

    public static RunOutcome run(Policy policy, BenchScenario scenario, double usersPerHour, long seed) {
        List<BenchMetric> metrics = scenario.metrics();
        double alphaFail = BenchSuite.alphaFail(metrics);
        Duration t = Duration.ZERO;
        double exposure = 0;
        int ticks = 0;
        int last = BenchSuite.AUDIENCE.length - 1;
        for (int phase = 0; phase < last; phase++) {
            double share = BenchSuite.AUDIENCE[phase] / 100;
            PhaseJudge judge = policy.judge(metrics, START.plus(t), BenchSuite.TICK, scenario.effect(), alphaFail);
            Duration inPhase = Duration.ZERO;
            for (int k = 0; ; k++) {
                t = t.plus(BenchSuite.TICK);
                inPhase = inPhase.plus(BenchSuite.TICK);
                ticks++;
                exposure += sessions(scenario, usersPerHour, t) * share;
                PhaseJudge.Call call = judge.onTick(START.plus(t), tick(scenario, usersPerHour, share, t, seed, phase, k));
                if (call == PhaseJudge.Call.FAIL) {
                    return new RunOutcome(RolloutState.HALTED, exposure, hours(t), ticks);
                }
                if (inPhase.compareTo(BenchSuite.SOAK) >= 0 && call == PhaseJudge.Call.PASS) {
                    break;
                }
                if (inPhase.compareTo(BenchSuite.MAX_SOAK) >= 0) {
                    return new RunOutcome(RolloutState.PAUSED, exposure, hours(t), ticks);
                }
            }
        }
        return new RunOutcome(RolloutState.COMPLETED, exposure, hours(t), ticks);
    }

    /**
     * Hours until a phase entered at the start of the run first answers PASS, with no soak and no maxSoak: how long
     * its gates take to decide on a healthy build, uncensored up to {@code cap} (then NaN). The same observations
     * as {@link #run} for phase {@code phase}.
     */
    public static double hoursToPass(Policy policy, BenchScenario scenario, double usersPerHour, long seed, int phase, Duration cap) {
        double share = BenchSuite.AUDIENCE[phase] / 100;
        PhaseJudge judge = policy.judge(scenario.metrics(), START, BenchSuite.TICK, scenario.effect(),
                BenchSuite.alphaFail(scenario.metrics()));
        long ticks = cap.dividedBy(BenchSuite.TICK);
        for (int k = 0; k < ticks; k++) {
            Duration t = BenchSuite.TICK.multipliedBy(k + 1);
            PhaseJudge.Call call = judge.onTick(START.plus(t), tick(scenario, usersPerHour, share, t, seed, phase, k));
            if (call != PhaseJudge.Call.HOLD) {
                return call == PhaseJudge.Call.PASS ? hours(t) : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Sessions in the tick ending {@code t} after the start, at 100 %, with the scenario's daily swing. */
    private static double sessions(BenchScenario scenario, double usersPerHour, Duration t) {
        return usersPerHour * BenchSuite.TICK.toSeconds() / 3600.0
                * (1 + scenario.diurnal() * Math.sin(2 * Math.PI * t.toSeconds() / 86400.0));
    }

    /** Tick k of phase {@code phase}: drawn from (seed, phase, k) alone; the baseline keeps at least 10 %. */
    private static Map<String, Sample> tick(BenchScenario scenario, double usersPerHour, double share, Duration t, long seed,
                                            int phase, int k) {
        double sessions = sessions(scenario, usersPerHour, t);
        return observe(scenario, t, new Sampler(mix(seed, phase, k)), sessions * share, sessions * Math.max(1 - share, 0.1));
    }

    private static Map<String, Sample> observe(BenchScenario s, Duration t, Sampler sampler, double canary, double baseline) {
        Map<String, Sample> tick = new HashMap<>();
        Instant at = START.plus(t);
        for (BenchMetric m : s.metrics()) {
            if (s.inOutage(m.name(), t)) {
                continue;
            }
            double pb = s.truth().get(m.name())[0];
            double pc = s.canaryAt(m.name(), t);
            if (m.kind() == MetricKind.RATE) {
                long nc = Math.round(canary);
                long nb = Math.round(baseline);
                tick.put(m.name(), new Sample(at, new Measure.Counts(sampler.binomial(nc, pc), nc), new Measure.Counts(sampler.binomial(nb, pb), nb)));
            } else {
                tick.put(m.name(), new Sample(at, new Measure.Value(pc * (1 + BenchSuite.GAUGE_NOISE * sampler.gaussian())),
                        new Measure.Value(pb * (1 + BenchSuite.GAUGE_NOISE * sampler.gaussian()))));
            }
        }
        return tick;
    }

    private static double hours(Duration t) {
        return t.toSeconds() / 3600.0;
    }

    /** SplitMix64 of (seed, phase, tick): independent streams without any state shared between policies. */
    static long mix(long seed, int phase, int tick) {
        long z = seed * 0x9E3779B97F4A7C15L + phase * 0xBF58476D1CE4E5B9L + tick * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

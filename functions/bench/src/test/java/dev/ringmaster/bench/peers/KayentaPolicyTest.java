package dev.ringmaster.bench.peers;

import static dev.ringmaster.bench.peers.Ticks.T;
import static dev.ringmaster.bench.peers.Ticks.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kayenta's NetflixACAJudge in a Spinnaker canary stage (PEERS.md "Kayenta"). */
class KayentaPolicyTest {

    private static BenchMetric gauge(String name, double maxRelative) {
        return new BenchMetric(name, MetricKind.GAUGE, new Bound(Bound.Type.MAX_RELATIVE, maxRelative), Duration.ZERO);
    }

    private static Sample values(double canary, double baseline) {
        return new Sample(T, new Measure.Value(canary), new Measure.Value(baseline));
    }

    /** Baseline values 200 plus a repeating wiggle, the canary the same times {@code factor}. */
    private static Sample latency(int tick, double factor) {
        double baseline = 200 + (tick * 7) % 11;
        return values(baseline * factor, baseline);
    }

    /** The judge's calls over {@code ticks} ticks, each metric's canary {@code factor[i]} × its baseline (0 = no data). */
    private static List<PhaseJudge.Call> run(KayentaPolicy kayenta, List<BenchMetric> metrics, double[] factor, int ticks) {
        PhaseJudge judge = kayenta.judge(metrics, T, TICK, null, 0.001);
        return IntStream.range(0, ticks).mapToObj(k -> {
            Map<String, Sample> tick = new HashMap<>();
            for (int i = 0; i < metrics.size(); i++) {
                if (factor[i] > 0) {
                    tick.put(metrics.get(i).name(), latency(k, factor[i]));
                }
            }
            return judge.onTick(T, tick);
        }).toList();
    }

    private static List<BenchMetric> gauges(int n, double maxRelative) {
        return IntStream.range(0, n).mapToObj(i -> gauge("m" + i, maxRelative)).toList();
    }

    @ParameterizedTest(name = "canary ×{0} against maxRelative {1}: {2}")
    @CsvSource({
        "1.5,  1.0, FAIL",
        "1.1,  1.0, FAIL",
        "1.3,  1.5, PASS",
        "2.0,  1.5, FAIL",
        "0.5,  1.0, PASS",
    })
    void kayentaMannWhitneyDetectsAShiftedCanary(double factor, double maxRelative, PhaseJudge.Call expected) {
        List<PhaseJudge.Call> calls = run(new KayentaPolicy(), List.of(gauge("latency", maxRelative)), new double[] {factor}, 12);
        assertEquals(expected, calls.get(11));
    }

    @Test
    void kayentaMannWhitneyDetectsAShiftedCanaryRate() {
        BenchMetric crash = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ZERO);
        PhaseJudge judge = new KayentaPolicy().judge(List.of(crash), T, TICK, null, 0.001);
        PhaseJudge.Call last = null;
        for (int k = 0; k < 12; k++) {
            last = judge.onTick(T, Map.of("crash_rate",
                    new Sample(T, new Measure.Counts(20 + k % 3, 1000), new Measure.Counts(2 + k % 3, 1000))));
        }
        assertEquals(PhaseJudge.Call.FAIL, last);
    }

    @Test
    void kayentaIdenticalSamplesPass() {
        List<PhaseJudge.Call> calls = run(new KayentaPolicy(), List.of(gauge("latency", 1.0)), new double[] {1.0}, 24);
        assertEquals(PhaseJudge.Call.HOLD, calls.get(10), "no judgement before the first interval");
        assertEquals(PhaseJudge.Call.PASS, calls.get(11));
        assertEquals(PhaseJudge.Call.PASS, calls.get(23));
    }

    @ParameterizedTest(name = "{1} of {0} metrics shifted, marginal {2}: {3}")
    @CsvSource({
        "3, 0, 75, PASS",
        "3, 1, 75, FAIL",
        "4, 1, 75, FAIL",
        "4, 1, 70, HOLD",
        "20, 1, 75, PASS",
    })
    void kayentaScoreBelowMarginalFails(int metrics, int shifted, double marginal, PhaseJudge.Call expected) {
        double[] factor = IntStream.range(0, metrics).mapToDouble(i -> i < shifted ? 1.5 : 1.0).toArray();
        List<PhaseJudge.Call> calls = run(new KayentaPolicy(12, 95, marginal, false), gauges(metrics, 1.0), factor, 12);
        assertEquals(expected, calls.get(11));
    }

    @ParameterizedTest(name = "{1} of {0} metrics without data, mustHaveData {2}: {3}")
    @CsvSource({
        "3, 1, false, PASS",
        "3, 1, true,  FAIL",
        "4, 2, false, FAIL",
    })
    void kayentaNodataIsNotScoredUnlessMustHaveDataAndHalfNodataScoresZero(int metrics, int missing, boolean mustHaveData, PhaseJudge.Call expected) {
        double[] factor = IntStream.range(0, metrics).mapToDouble(i -> i < missing ? 0 : 1.0).toArray();
        List<PhaseJudge.Call> calls = run(new KayentaPolicy(12, 95, 75, mustHaveData), gauges(metrics, 1.0), factor, 12);
        assertEquals(expected, calls.get(11));
    }
}

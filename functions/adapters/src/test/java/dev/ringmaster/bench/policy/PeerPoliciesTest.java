package dev.ringmaster.bench.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peers' own rules (PEERS.md), each on a hand-made tick sequence. */
class PeerPoliciesTest {
    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    private static final BenchMetric CRASH = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ofMinutes(15));

    private static Map<String, Sample> tick(long bad, long total) {
        return Map.of("crash_rate", new Sample(T, new Measure.Counts(bad, total), new Measure.Counts(10, 10_000)));
    }

    private static PhaseJudge judge(Policy p) {
        return p.judge(List.of(CRASH), T, Duration.ofMinutes(5), null, 0.001);
    }

    @Test
    void argoFailsAtTheFirstFailedMeasurementWithFailureLimitZero() {
        PhaseJudge j = judge(new ArgoPolicy());
        assertEquals(PhaseJudge.Call.PASS, j.onTick(T, tick(5, 1000)));
        assertEquals(PhaseJudge.Call.FAIL, j.onTick(T, tick(20, 1000)));
    }

    @Test
    void argoNoDataIsAnErrorThatAbortsOnlyPastTheConsecutiveErrorLimit() {
        PhaseJudge j = judge(new ArgoPolicy());
        for (int i = 0; i < 4; i++) {
            assertEquals(PhaseJudge.Call.PASS, j.onTick(T, Map.of()));
        }
        assertEquals(PhaseJudge.Call.FAIL, j.onTick(T, Map.of()));
    }

    @Test
    void flaggerRollsBackWhenCumulativeFailedChecksReachTheThreshold() {
        PhaseJudge j = judge(new FlaggerPolicy(3));
        assertEquals(PhaseJudge.Call.PASS, j.onTick(T, tick(20, 1000)));
        assertEquals(PhaseJudge.Call.PASS, j.onTick(T, tick(5, 1000)));
        assertEquals(PhaseJudge.Call.PASS, j.onTick(T, Map.of()));      // no values: a failed check
        assertEquals(PhaseJudge.Call.FAIL, j.onTick(T, tick(20, 1000))); // third failure, not consecutive
    }

    @Test
    void sustainedFailsOnlyAfterTheBreachHeldForItsFor() {
        PhaseJudge j = judge(new SustainedPolicy());
        for (int i = 0; i < 3; i++) {
            assertEquals(PhaseJudge.Call.PASS, j.onTick(T, tick(20, 1000)));
        }
        assertEquals(PhaseJudge.Call.FAIL, j.onTick(T, tick(20, 1000)));
    }

    @Test
    void kayentaFailsAClearlyShiftedCanaryAtItsHourlyJudgement() {
        BenchMetric latency = new BenchMetric("latency", MetricKind.GAUGE, new Bound(Bound.Type.MAX_RELATIVE, 1.0), Duration.ZERO);
        PhaseJudge j = new KayentaPolicy().judge(List.of(latency), T, Duration.ofMinutes(5), null, 0.001);
        PhaseJudge.Call last = null;
        for (int i = 0; i < 12; i++) {
            last = j.onTick(T, Map.of("latency", new Sample(T, new Measure.Value(300 + i), new Measure.Value(200 + i))));
        }
        assertEquals(PhaseJudge.Call.FAIL, last);
    }

    @Test
    void kayentaPassesIdenticalSamples() {
        BenchMetric latency = new BenchMetric("latency", MetricKind.GAUGE, new Bound(Bound.Type.MAX_RELATIVE, 1.0), Duration.ZERO);
        PhaseJudge j = new KayentaPolicy().judge(List.of(latency), T, Duration.ofMinutes(5), null, 0.001);
        PhaseJudge.Call last = null;
        for (int i = 0; i < 12; i++) {
            last = j.onTick(T, Map.of("latency", new Sample(T, new Measure.Value(200 + i), new Measure.Value(200 + i))));
        }
        assertEquals(PhaseJudge.Call.PASS, last);
    }

    @Test
    void mannWhitneyEstimateIsTheMedianOfPairwiseDifferences() {
        // Differences of {3,4,5} − {1,2}: 2,1,3,2,4,3 → sorted 1,2,2,3,3,4 → median 2.5.
        MannWhitney mw = MannWhitney.of(new double[] {3, 4, 5}, new double[] {1, 2});
        assertEquals(2.5, mw.estimate(), 1e-12);
        assertEquals(1.0, mw.lower(), 1e-12);
        assertEquals(4.0, mw.upper(), 1e-12);
    }
}

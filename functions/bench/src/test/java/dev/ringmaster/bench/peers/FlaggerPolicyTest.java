package dev.ringmaster.bench.peers;

import static dev.ringmaster.bench.peers.Ticks.CRASH;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flagger's canary analysis rules (PEERS.md "Flagger"). */
class FlaggerPolicyTest {

    private static int failAt(FlaggerPolicy flagger, String ticks) {
        return Ticks.failAt(Ticks.calls(flagger.judge(List.of(CRASH), T, TICK, null, 0.001), ticks));
    }

    /** The rollback comes at the check after the one that reached the threshold. */
    @ParameterizedTest(name = "threshold {0}, ticks {1}: FAIL at {2}")
    @CsvSource({
        "3, BWBWBW,     5",
        "3, BBWWWWWW,   -1",
        "1, BW,         1",
        "0, BW,         1",
        "5, BBBBBW,     5",
        "5, BWBWBWBWBW, 9",
    })
    void flaggerRollsBackAtThresholdCumulativeFailedChecks(int threshold, String ticks, int expected) {
        assertEquals(expected, failAt(new FlaggerPolicy(1, threshold, false), ticks));
    }

    @ParameterizedTest(name = "threshold {0}, ticks {1}: FAIL at {2}")
    @CsvSource({
        "2, NNW,   2",
        "2, NBW,   2",
        "3, NWNWW, -1",
    })
    void flaggerNoValuesCountsAsFailedCheck(int threshold, String ticks, int expected) {
        assertEquals(expected, failAt(new FlaggerPolicy(1, threshold, false), ticks));
    }

    @Test
    void flaggerNoValuesForARelativeBoundsBaselineOrNoSessionsCountAsFailedChecks() {
        BenchMetric relative = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX_RELATIVE, 1.1), Duration.ZERO);
        PhaseJudge judge = new FlaggerPolicy(1, 2, false).judge(List.of(relative), T, TICK, null, 0.001);
        judge.onTick(T, Map.of("crash_rate", new Sample(T, new Measure.Counts(1, 1000), null)));
        judge.onTick(T, Map.of("crash_rate", new Sample(T, new Measure.Counts(0, 0), new Measure.Counts(1, 1000))));
        assertEquals(PhaseJudge.Call.FAIL, judge.onTick(T, Ticks.counts(1, 1000)));
    }

    @Test
    void flaggerCarriesFailedChecksAcrossThePhasesOfOneRunWhenAsked() {
        FlaggerPolicy flagger = new FlaggerPolicy(1, 3, true);
        Ticks.calls(flagger.judge(List.of(CRASH), T, TICK, null, 0.001), "BBWW");
        PhaseJudge second = flagger.judge(List.of(CRASH), T.plus(Duration.ofHours(24)), TICK, null, 0.001);
        assertEquals(1, Ticks.failAt(Ticks.calls(second, "BW")));
        // A phase that does not start later is the first phase of the next run: a new revision, counted from zero.
        PhaseJudge nextRun = flagger.judge(List.of(CRASH), T, TICK, null, 0.001);
        assertEquals(-1, Ticks.failAt(Ticks.calls(nextRun, "BBWW")));
    }

    @Test
    void flaggerCountsPerPhaseByDefault() {
        FlaggerPolicy flagger = new FlaggerPolicy();
        Ticks.calls(flagger.judge(List.of(CRASH), T, TICK, null, 0.001), "BBBBWW");
        PhaseJudge second = flagger.judge(List.of(CRASH), T.plus(Duration.ofHours(24)), TICK, null, 0.001);
        assertEquals(-1, Ticks.failAt(Ticks.calls(second, "BWWW")));
    }
}

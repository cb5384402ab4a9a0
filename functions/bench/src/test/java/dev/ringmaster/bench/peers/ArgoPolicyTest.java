package dev.ringmaster.bench.peers;

import static dev.ringmaster.bench.peers.Ticks.CRASH;
import static dev.ringmaster.bench.peers.Ticks.T;
import static dev.ringmaster.bench.peers.Ticks.TICK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.bench.PhaseJudge;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo Rollouts analysis rules (PEERS.md "Argo Rollouts"). */
class ArgoPolicyTest {

    private static int failAt(ArgoPolicy argo, String ticks) {
        return Ticks.failAt(Ticks.calls(argo.judge(List.of(CRASH), T, TICK, null, 0.001), ticks));
    }

    @ParameterizedTest(name = "failureLimit {0}, ticks {1}: FAIL at {2}")
    @CsvSource({
        "0,  WWB,     2",
        "1,  BWWB,    3",
        "2,  BWBWWB,  5",
        "2,  BWBWW,   -1",
        "-1, BBBBBB,  -1",
    })
    void argoFailsWhenFailedMeasurementsExceedFailureLimit(int failureLimit, String ticks, int expected) {
        assertEquals(expected, failAt(new ArgoPolicy(1, failureLimit, 4), ticks));
    }

    /** Argo retries 10 s after an Error, so a 5-minute interval without data is 30 consecutive errors. */
    @ParameterizedTest(name = "consecutiveErrorLimit {0}, intervalTicks {1}, ticks {2}: FAIL at {3}")
    @CsvSource({
        "4,  1, N,      0",
        "4,  1, WWN,    2",
        "29, 1, N,      0",
        "30, 1, N,      -1",
        "30, 1, NN,     1",
        "59, 1, NWN,    -1",
        "59, 1, NN,     1",
        "59, 2, NN,     1",
        "60, 2, NN,     -1",
        "4,  1, BW,     0",
    })
    void argoRetriesTenSecondsAfterAnErrorSoAnIntervalWithoutDataIsOneErrorPerTenSeconds(int consecutiveErrorLimit, int intervalTicks,
            String ticks, int expected) {
        int failureLimit = ticks.contains("B") ? 0 : -1;
        assertEquals(expected, failAt(new ArgoPolicy(intervalTicks, failureLimit, consecutiveErrorLimit), ticks));
    }

    @ParameterizedTest(name = "{0}/1000, {1}/1000, {2}/1000 over one interval: {3}")
    @CsvSource({
        "5, 5, 25, FAIL",
        "0, 0, 25, PASS",
        "20, 0, 0, PASS",
    })
    void argoMeasuresThePooledRateOfEachInterval(long first, long second, long third, PhaseJudge.Call expected) {
        PhaseJudge judge = new ArgoPolicy(3, 0, 4).judge(List.of(CRASH), T, TICK, null, 0.001);
        assertEquals(PhaseJudge.Call.PASS, judge.onTick(T, Ticks.counts(first, 1000)));
        assertEquals(PhaseJudge.Call.PASS, judge.onTick(T, Ticks.counts(second, 1000)));
        assertEquals(expected, judge.onTick(T, Ticks.counts(third, 1000)));
    }
}

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

/** Seed 004's sustained halt rule on a hand-made tick sequence (the tools' policies are tested in bench.peers). */
class SustainedPolicyTest {
    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    private static final BenchMetric CRASH = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ofMinutes(15));

    private static Map<String, Sample> tick(long bad, long total) {
        return Map.of("crash_rate", new Sample(T, new Measure.Counts(bad, total), new Measure.Counts(10, 10_000)));
    }

    private static PhaseJudge judge(Policy p) {
        return p.judge(List.of(CRASH), T, Duration.ofMinutes(5), null, 0.001);
    }

    @Test
    void sustainedFailsOnlyAfterTheBreachHeldForItsFor() {
        PhaseJudge j = judge(new SustainedPolicy());
        for (int i = 0; i < 3; i++) {
            assertEquals(PhaseJudge.Call.PASS, j.onTick(T, tick(20, 1000)));
        }
        assertEquals(PhaseJudge.Call.FAIL, j.onTick(T, tick(20, 1000)));
    }
}

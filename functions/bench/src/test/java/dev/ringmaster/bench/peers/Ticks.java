package dev.ringmaster.bench.peers;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hand-made tick sequences for the threshold peers: one crash-rate metric bounded at 1 %, written as a
 * string, one letter a tick: W within (5 of 1000), B beyond (20 of 1000), N no data.
 */
final class Ticks {
    static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration TICK = Duration.ofMinutes(5);
    static final BenchMetric CRASH = new BenchMetric("crash_rate", MetricKind.RATE, new Bound(Bound.Type.MAX, 0.01), Duration.ZERO);

    private Ticks() {
    }

    static Map<String, Sample> counts(long bad, long total) {
        return Map.of(CRASH.name(), new Sample(T, new Measure.Counts(bad, total), new Measure.Counts(10, 10_000)));
    }

    static Map<String, Sample> tick(char letter) {
        return switch (letter) {
            case 'W' -> counts(5, 1000);
            case 'B' -> counts(20, 1000);
            case 'N' -> Map.of();
            default -> throw new IllegalArgumentException("unknown tick " + letter);
        };
    }

    /** The judge's calls for the sequence, stopping at the first FAIL as the harness does. */
    static List<PhaseJudge.Call> calls(PhaseJudge judge, String ticks) {
        List<PhaseJudge.Call> calls = new ArrayList<>();
        for (char c : ticks.toCharArray()) {
            calls.add(judge.onTick(T, tick(c)));
            if (calls.get(calls.size() - 1) == PhaseJudge.Call.FAIL) {
                break;
            }
        }
        return calls;
    }

    /** The index of the FAIL in the calls, or -1 when the judge never failed. */
    static int failAt(List<PhaseJudge.Call> calls) {
        return calls.indexOf(PhaseJudge.Call.FAIL);
    }
}

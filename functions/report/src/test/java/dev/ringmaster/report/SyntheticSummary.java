package dev.ringmaster.report;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.SimulationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up rollout for the report tests, without running the simulator: 100 ten-minute ticks over three
 * phases, two gated criteria whose intervals narrow as evidence grows, four decisions and five history entries.
 */
final class SyntheticSummary {
    static final int TICKS = 100;
    static final int DECISIONS = 4;
    static final int HISTORY = 5;
    static final Instant START = Instant.parse("2024-03-01T08:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(10);

    private SyntheticSummary() {
    }

    /** @param reason put into a decision summary and a history entry: lets a test bring in hostile text */
    static SimulationSummary with(String reason) {
        List<SimulationRun.AudiencePoint> audience = new ArrayList<>();
        Map<String, List<SimulationRun.MetricPoint>> metrics = new LinkedHashMap<>();
        List<SimulationRun.MetricPoint> crashes = new ArrayList<>();
        List<SimulationRun.MetricPoint> latency = new ArrayList<>();
        for (int i = 0; i < TICKS; i++) {
            Instant at = at(i);
            audience.add(new SimulationRun.AudiencePoint(at, i < 30 ? 1 : i < 70 ? 10 : 50, i < 30 ? "canary" : i < 70 ? "early" : "broad"));
            // The first ticks have no evidence yet (NaN), and the interval starts unbounded above.
            double width = i < 2 ? Double.NaN : 0.02 / Math.sqrt(i);
            double crash = 0.011 + 0.001 * Math.sin(i / 7.0);
            crashes.add(new SimulationRun.MetricPoint(at, "crash_rate", i < 2 ? Double.NaN : crash, crash - width,
                    i == 2 ? Double.POSITIVE_INFINITY : crash + width, 0.02, verdict(i, crash + width, 0.02)));
            double p95 = 180 + 30 * Math.cos(i / 11.0);
            double spread = i < 2 ? Double.NaN : 400 / Math.sqrt(i);
            latency.add(new SimulationRun.MetricPoint(at, "latency_p95_ms", i < 2 ? Double.NaN : p95, p95 - spread, p95 + spread, 250,
                    verdict(i, p95 + spread, 250)));
        }
        metrics.put("latency_p95_ms", latency);
        metrics.put("crash_rate", crashes);
        List<SimulationRun.DecisionMark> decisions = List.of(
                new SimulationRun.DecisionMark(at(0), "HOLD", "canary", "HOLD in canary: soak 4h not over"),
                new SimulationRun.DecisionMark(at(30), "ADVANCE", "canary", "ADVANCE in canary: " + reason),
                new SimulationRun.DecisionMark(at(70), "ADVANCE", "early", "ADVANCE in early: every gate PASS"),
                new SimulationRun.DecisionMark(at(TICKS - 1), "HALT", "broad", "HALT in broad: halt rule crash_rate ≤ 0.02 FAIL"));
        List<HistoryEntry> history = List.of(
                entry(0, 1, HistoryEntry.Kind.COMMAND, "start", null, "alice", "simulated rollout"),
                entry(30, 2, HistoryEntry.Kind.DECISION, "ADVANCE", "canary", "ringmaster", reason),
                entry(30, 2, HistoryEntry.Kind.TRANSITION, "canary → early", "early", "ringmaster", "gates passed"),
                entry(70, 3, HistoryEntry.Kind.ACTION, "google-play userFraction 0.5", "broad", "ringmaster", "phase broad"),
                entry(TICKS - 1, 4, HistoryEntry.Kind.DECISION, "HALT", "broad", "ringmaster", "crash_rate FAIL"));
        SimulationRun run = new SimulationRun("android-staged", "bad-2x", 42, SimulationRun.Outcome.of(RolloutState.HALTED), true, START,
                at(TICKS - 1), 123_456, audience, metrics, decisions, history, "google-play com.example.vpn production: halted at 50 %",
                List.of(new SimulationRun.TargetCall(0, "enter", "canary", "ok"), new SimulationRun.TargetCall(TICKS / 12.0, "halt", "broad", "ok")), List.of(), Map.of());
        return new SimulationSummary("android-staged", "bad-2x", 200, Map.of("HALTED", 180, "COMPLETED", 20), 15.5, 98_765, 0, 0.1,
                run, List.of());
    }

    private static String verdict(int tick, double upper, double bound) {
        if (tick < 2) {
            return "INCONCLUSIVE";
        }
        return upper <= bound ? "PASS" : tick % 9 == 0 ? "FAIL" : "INCONCLUSIVE";
    }

    private static Instant at(int tick) {
        return START.plus(TICK.multipliedBy(tick));
    }

    private static HistoryEntry entry(int tick, long version, HistoryEntry.Kind kind, String what, String phase, String operator,
                                      String reason) {
        return new HistoryEntry("android-staged", at(tick), version, kind, what, phase, operator, List.of(reason));
    }
}

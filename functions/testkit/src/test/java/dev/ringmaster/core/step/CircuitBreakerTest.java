package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 004: "Circuit breaker: auto-disable on 3 consecutive errors". Three streaks count apart from "no data":
 * the application signal the plan names, ringmaster's own calls, and the metric sources; a tripped breaker
 * disables a flag canary with the kill switch and halts a store rollout, and says which errors tripped it.
 */
class CircuitBreakerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));

    private static Plan plan(String target) {
        return PlanParser.parse("cb.yaml", """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: cb, version: "2.1.0"}
                spec:
                  target: %s
                  flagStore: {provider: json, url: "file:flags.json"}
                  metrics:
                    crashes: {kind: count, source: static, query: {value: 0}}
                  phases:
                    - {name: internal, cohort: internal_test, audience: 1%%, soak: 1h}
                    - {name: ga, audience: 100%%}
                  killSwitch: {flag: system.canary.enabled}
                  circuitBreaker: {consecutiveErrors: 3, metric: crashes}
                """.formatted(target)).plan();
    }

    private static final Plan FLAG = plan("{type: feature-flag, provider: json, url: \"file:flags.json\", flag: canary}");
    private static final Plan STORE = plan("{type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}");

    record Case(String rule, Plan plan, List<Double> crashesPerTick, Effect effect, int sourceErrors, DecisionType decided,
                DecisionType expected, String mentions) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Effect failedCalls(int attempts) {
        return new Effect(4, Action.ENTER_PHASE, "v4", Effect.Status.FAILED, attempts, "feature-flag: 503", T0, T0, null, null);
    }

    static Stream<Case> cases() {
        List<Double> none = List.of();
        return Stream.of(
                new Case("3 consecutive error events of the plan's signal disable a flag canary with the kill switch", FLAG,
                        List.of(0.0, 2.0, 1.0, 4.0), Effect.NONE, 0, DecisionType.HOLD, DecisionType.KILL,
                        "3 consecutive errors of crashes (2 events, 1 events, 4 events)"),
                new Case("the kill switch is named in what the breaker did", FLAG, List.of(1.0, 1.0, 1.0), Effect.NONE, 0, DecisionType.HOLD,
                        DecisionType.KILL, "disabling the canary with the kill switch (system.canary.enabled off)"),
                new Case("2 consecutive errors do not trip a breaker of 3", FLAG, List.of(0.0, 1.0, 1.0), Effect.NONE, 0, DecisionType.HOLD,
                        DecisionType.HOLD, "soaking"),
                new Case("errors that are not consecutive do not trip it", FLAG, List.of(1.0, 1.0, 0.0, 1.0), Effect.NONE, 0,
                        DecisionType.HOLD, DecisionType.HOLD, "soaking"),
                new Case("no data is not an error", FLAG, none, Effect.NONE, 0, DecisionType.HOLD, DecisionType.HOLD, "soaking"),
                new Case("a store rollout is halted, not killed", STORE, List.of(1.0, 1.0, 1.0), Effect.NONE, 0, DecisionType.HOLD,
                        DecisionType.HALT, "halting the rollout"),
                new Case("3 failed attempts in a row at ringmaster's own call trip it", FLAG, none, failedCalls(3), 0, DecisionType.HOLD,
                        DecisionType.KILL, "3 consecutive failed calls to carry out enter; last: feature-flag: 503"),
                new Case("2 failed attempts do not", FLAG, none, failedCalls(2), 0, DecisionType.HOLD, DecisionType.HOLD, "soaking"),
                new Case("3 ticks in a row with a metric source unreadable trip it, naming the source", FLAG, none, Effect.NONE, 3,
                        DecisionType.HOLD, DecisionType.KILL, "prometheus: connection refused"),
                new Case("a pause of a flag canary whose signal tripped the breaker is a kill, not merely a pause", FLAG,
                        List.of(1.0, 1.0, 1.0), Effect.NONE, 0, DecisionType.HALT, DecisionType.KILL, "decided"),
                new Case("errors do not let a canary advance past the breaker", FLAG, List.of(1.0, 1.0, 1.0), Effect.NONE, 0,
                        DecisionType.ADVANCE, DecisionType.KILL, "3 consecutive errors of crashes"),
                new Case("a rollback already takes the canary away: left as it is", FLAG, List.of(1.0, 1.0, 1.0), Effect.NONE, 0,
                        DecisionType.ROLLBACK, DecisionType.ROLLBACK, "decided"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void seed004CircuitBreaker(Case c) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < c.crashesPerTick().size(); i++) {
            samples.add(new Sample(T0.plus(Duration.ofMinutes(5L * (i + 1))), new Measure.Events(c.crashesPerTick().get(i), 5), null));
        }
        Map<String, MetricSeries> observations = Map.of("crashes", new MetricSeries("crashes", samples, false));
        List<String> unavailable = c.sourceErrors() > 0 ? List.of("prometheus: connection refused") : List.of();
        Decision decided = new Decision(c.decided(), "internal", List.of(Reason.of("x", c.decided() == DecisionType.HOLD ? "soaking" : "decided")),
                List.of(), List.of(), NOW, null);

        Decision d = CircuitBreaker.apply(c.plan(), c.plan().phases().get(0), c.effect(), observations, new ArrayList<>(unavailable),
                c.sourceErrors(), decided, NOW);

        assertEquals(c.expected(), d.type(), d.summary());
        assertTrue(d.summary().contains(c.mentions()), d.summary());
    }
}

package dev.ringmaster.core.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignalDecisionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Seed 002's Android plan in miniature, with a gate-only metric and seed 002/004 halt rules. */
    private static Plan plan(String onGateFail) {
        ParseResult r = PlanParser.parse("test.yaml", """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: android-test, app: com.example.vpn, version: "2.1.0"}
                spec:
                  target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
                  metrics:
                    crash_rate: {kind: rate, source: play-vitals, query: {metric: crashRate}}
                    error_rate: {kind: rate, source: prometheus, query: {bad: errors, total: requests}}
                    latency_p95: {kind: gauge, source: prometheus, query: {value: latency}}
                    sev1_bugs: {kind: count, source: webhook, query: {kind: sev1}}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 24h, gates: [{metric: crash_rate, max: 0.005}, {metric: latency_p95, max: 300}]}
                    - {name: phase-2, audience: 100%%, gates: [{metric: crash_rate, max: 0.005}]}
                  haltRules:
                    - {metric: crash_rate, max: 0.02, for: 15m, severity: critical, action: pause}
                    - {metric: crash_rate, max: 0.01, for: 15m, severity: warning, action: alert}
                    - {metric: error_rate, max: 0.01, for: 5m, severity: critical, action: rollback}
                  onGateFail: %s
                """.formatted(onGateFail));
        if (!r.ok()) {
            throw new IllegalArgumentException(r.errors().toString());
        }
        return r.plan();
    }

    private static final Plan PAUSE = plan("pause");
    private static final Plan ROLLBACK = plan("rollback");

    record Case(String rule, Plan plan, RolloutState state, Signal signal, DecisionType decides, RolloutState after) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Signal alert(String metric, Severity severity, boolean firing) {
        return new Signal(WebhookKind.ALERTMANAGER, "fp@" + metric, Concerns.rollout("android-test"), T0, "alert", "CrashRateHigh", metric,
                severity, firing, null, firing ? 1 : 0, null, "CrashRateHigh: crash rate above 2 %");
    }

    private static Signal stop(Signal.Stop stop) {
        return new Signal(WebhookKind.APPSTORE, "n-1", Concerns.rollout("android-test"), T0, "store", null, null, Severity.CRITICAL,
                false, stop, 1, null, "App Store Connect: something");
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a firing critical alert on a pause halt rule's metric halts at once", PAUSE, RolloutState.RUNNING,
                        alert("crash_rate", Severity.CRITICAL, true), DecisionType.HALT, RolloutState.HALTED),
                new Case("a firing critical alert on a rollback halt rule's metric rolls back at once", PAUSE, RolloutState.RUNNING,
                        alert("error_rate", Severity.CRITICAL, true), DecisionType.ROLLBACK, RolloutState.ROLLING_BACK),
                new Case("a HALTED rollout escalates to a rollback when a rollback rule's alert fires", PAUSE, RolloutState.HALTED,
                        alert("error_rate", Severity.CRITICAL, true), DecisionType.ROLLBACK, RolloutState.ROLLING_BACK),
                new Case("a critical alert on a metric only the phase's gates read applies onGateFail: pause halts", PAUSE,
                        RolloutState.RUNNING, alert("latency_p95", Severity.CRITICAL, true), DecisionType.HALT, RolloutState.HALTED),
                new Case("seed 002 onGateFail rollback: a critical alert on a gated metric rolls back", ROLLBACK, RolloutState.RUNNING,
                        alert("latency_p95", Severity.CRITICAL, true), DecisionType.ROLLBACK, RolloutState.ROLLING_BACK),
                new Case("seed 002 severity levels: a warning alert on a gated metric notifies and changes nothing", PAUSE,
                        RolloutState.RUNNING, alert("crash_rate", Severity.WARNING, true), DecisionType.HOLD, RolloutState.RUNNING),
                new Case("a resolved alert acts on nothing", PAUSE, RolloutState.RUNNING,
                        alert("crash_rate", Severity.CRITICAL, false), null, RolloutState.RUNNING),
                new Case("an alert on a metric nothing gates or watches is only recorded", PAUSE, RolloutState.RUNNING,
                        alert("sev1_bugs", Severity.CRITICAL, true), null, RolloutState.RUNNING),
                new Case("an alert naming no plan metric is only recorded", PAUSE, RolloutState.RUNNING,
                        alert(null, Severity.CRITICAL, true), null, RolloutState.RUNNING),
                new Case("a build rejected halts a running rollout", PAUSE, RolloutState.RUNNING,
                        stop(Signal.Stop.HALT), DecisionType.HALT, RolloutState.HALTED),
                new Case("a phased release paused in App Store Connect pauses the rollout", PAUSE, RolloutState.RUNNING,
                        stop(Signal.Stop.PAUSED_IN_STORE), DecisionType.PAUSE, RolloutState.PAUSED),
                new Case("trouble by itself does not move a rollout a person already paused", PAUSE, RolloutState.PAUSED,
                        stop(Signal.Stop.HALT), null, RolloutState.PAUSED),
                new Case("a warning alert says nothing about a rollout that is not running", PAUSE, RolloutState.PAUSED,
                        alert("crash_rate", Severity.WARNING, true), null, RolloutState.PAUSED),
                new Case("a rollout not started yet is not acted on", PAUSE, RolloutState.PENDING,
                        alert("crash_rate", Severity.CRITICAL, true), null, RolloutState.PENDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Rollout r = c.state() == RolloutState.PENDING ? Rollout.pending("android-test")
                : new Rollout("android-test", c.state(), 0, T0, T0, 4, -1, false, false, "because");

        Optional<Decision> d = SignalDecision.decide(c.plan(), r, c.signal(), T0.plusSeconds(60));

        assertEquals(Optional.ofNullable(c.decides()), d.map(Decision::type), c.rule());
        Rollout after = d.map(x -> RolloutMachine.apply(c.plan(), r, x, T0.plusSeconds(60))).orElse(r);
        assertEquals(c.after(), after.state(), c.rule());
        d.ifPresent(x -> assertTrue(x.summary().contains(c.signal().summary()), x.summary()));
    }
}

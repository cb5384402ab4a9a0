package dev.ringmaster.core.rollout;

import static dev.ringmaster.core.rollout.TestPlans.T0;
import static dev.ringmaster.core.rollout.TestPlans.android;
import static dev.ringmaster.core.rollout.TestPlans.rate;
import static dev.ringmaster.core.rollout.TestPlans.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One tick's decision, one seed rule per case: (plan, rollout, observations, clock) → decision and reasons. */
class DecisionEngineTest {
    private static final DecisionEngine ENGINE = new DecisionEngine();
    private static final String SEED_003_WINDOWS = """
              windows:
                timezone: Europe/Berlin
                allow:
                  - {days: [TUE, WED, THU], from: "10:00", to: "14:00"}
                  - {days: [MON], from: "11:00", to: "14:00"}
                deny:
                  - {days: [FRI], from: "12:00"}
                  - {from: "16:00"}
                  - {dates: ["2026-12-24", "2026-12-31"]}
            """;
    /** Friday 2026-12-04 13:00 in Berlin: seed 003's "never deploy Fridays after 12pm". */
    private static final Instant FRIDAY_1300_BERLIN = Instant.parse("2026-12-04T12:00:00Z");

    record Case(String rule, Plan plan, Rollout rollout, Map<String, MetricSeries> observations, Instant now,
                DecisionType expected, String reasonMentions) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Case> cases() {
        Plan plan = android("");
        Instant entered = T0;
        Instant afterSoak = entered.plus(Duration.ofHours(25));
        // 288 ticks = 24 h at 5 minutes; 0.1 % crashes, far under the 0.5 % bound.
        Map<String, MetricSeries> healthy = Map.of("crash_rate", rate("crash_rate", entered, 300, 2, 2000),
                "error_rate", rate("error_rate", entered, 300, 2, 2000));
        Map<String, MetricSeries> crashing = Map.of("crash_rate", rate("crash_rate", entered, 300, 20, 2000),
                "error_rate", rate("error_rate", entered, 300, 2, 2000));
        return Stream.of(
                new Case("seed 002: a healthy phase advances to the next audience after its soak", plan, running(0, entered),
                        healthy, afterSoak, DecisionType.ADVANCE, "entering 'phase-2' (50%)"),
                new Case("seed 002: soak is a minimum — passing gates hold until 24h have passed", plan, running(0, entered),
                        healthy, entered.plus(Duration.ofHours(23)), DecisionType.HOLD, "soaking: 1h of 24h left"),
                new Case("seed 002: a failed health gate pauses the rollout (HALT)", plan, running(0, entered),
                        Map.of("crash_rate", rate("crash_rate", entered, 300, 14, 2000)), afterSoak, DecisionType.HALT,
                        "onGateFail: pause"),
                new Case("seed 003: onGateFail rollback rolls a failed gate back (Level 1)", android("  onGateFail: rollback\n"),
                        running(0, entered), Map.of("crash_rate", rate("crash_rate", entered, 300, 14, 2000)), afterSoak,
                        DecisionType.ROLLBACK, "onGateFail: rollback"),
                new Case("seed 002: critical crash rate above 2 % for 15m halts, even during soak", plan, running(0, entered),
                        Map.of("crash_rate", rate("crash_rate", entered, 30, 100, 2000)), entered.plus(Duration.ofMinutes(150)),
                        DecisionType.HALT, "crash_rate ≤ 0.02 for 15m"),
                new Case("seed 004: error rate above 1 % for 5m with action rollback rolls back", plan, running(0, entered),
                        Map.of("error_rate", rate("error_rate", entered, 30, 100, 2000)), entered.plus(Duration.ofMinutes(150)),
                        DecisionType.ROLLBACK, "error_rate ≤ 0.01 for 5m"),
                new Case("seed 004: a breach shorter than the rule's 'for' does not halt", plan, running(0, entered),
                        Map.of("error_rate", rate("error_rate", entered, 1, 400, 2000)), entered.plus(Duration.ofMinutes(5)),
                        DecisionType.HOLD, "soaking"),
                new Case("a gate that already FAILs halts during soak: no need to expose more users", plan, running(0, entered),
                        Map.of("crash_rate", rate("crash_rate", entered, 12, 40, 2000)), entered.plus(Duration.ofHours(1)),
                        DecisionType.HALT, "gate crash_rate ≤ 0.005 FAIL"),
                new Case("missing data never promotes: no observations hold after soak", plan, running(0, entered),
                        Map.of(), afterSoak, DecisionType.HOLD, "no data"),
                new Case("maxSoak: still inconclusive at 72h pauses and says which gate lacked evidence", plan, running(0, entered),
                        Map.of("crash_rate", rate("crash_rate", entered, 3, 1, 150)), entered.plus(Duration.ofHours(73)),
                        DecisionType.PAUSE, "gate crash_rate ≤ 0.005"),
                new Case("seed 002 phase 3: manual approval is needed before entering 100 %", plan, running(1, entered),
                        healthy, entered.plus(Duration.ofHours(49)), DecisionType.WAIT_APPROVAL, "phase 'phase-3' needs approval"),
                new Case("seed 002 phase 3: an approved phase is entered when gates pass", plan,
                        new Rollout("android-test", RolloutState.RUNNING, 1, entered, entered, 4, 2, false, false, "approved"),
                        healthy, entered.plus(Duration.ofHours(49)), DecisionType.ADVANCE, "entering 'phase-3'"),
                new Case("seed 003: an advance due on Friday after 12:00 waits for the next allowed slot", android(SEED_003_WINDOWS),
                        running(0, FRIDAY_1300_BERLIN.minus(Duration.ofHours(25))),
                        Map.of("crash_rate", rate("crash_rate", FRIDAY_1300_BERLIN.minus(Duration.ofHours(25)), 300, 2, 2000)),
                        FRIDAY_1300_BERLIN, DecisionType.WAIT_WINDOW, "next allowed Mon 2026-12-07 11:00"),
                new Case("seed 003: a security hotfix deploys at any time", android(true, SEED_003_WINDOWS),
                        running(0, FRIDAY_1300_BERLIN.minus(Duration.ofHours(25))),
                        Map.of("crash_rate", rate("crash_rate", FRIDAY_1300_BERLIN.minus(Duration.ofHours(25)), 300, 2, 2000)),
                        FRIDAY_1300_BERLIN, DecisionType.ADVANCE, "entering 'phase-2'"),
                new Case("the last phase completes when its gates pass after soak", plan, running(2, entered), healthy,
                        entered.plus(Duration.ofHours(25)), DecisionType.COMPLETE, "every gate of the last phase passed"),
                new Case("onInconclusive: advance lets a tiny ring advance without evidence, and says so",
                        TestPlans.parse(TINY_RING), running(0, entered), Map.of(), afterSoak, DecisionType.ADVANCE,
                        "advances anyway (onInconclusive: advance)"),
                new Case("seed 000 hotfix: even at the last ring a hotfix is watched for hotfixSoak before it completes", HOTFIX,
                        hotfix(2, entered), healthy, entered.plus(Duration.ofMinutes(30)), DecisionType.HOLD, "hotfixSoak"),
                new Case("seed 000 hotfix: after hotfixSoak (1h) a healthy hotfix at the last ring is promoted", HOTFIX,
                        hotfix(2, entered), healthy, entered.plus(Duration.ofMinutes(65)), DecisionType.COMPLETE, "after soak 1h"),
                new Case("seed 000 hotfix: a hotfix whose gate fails is rolled back, not paused", HOTFIX, hotfix(2, entered), crashing,
                        entered.plus(Duration.ofMinutes(65)), DecisionType.ROLLBACK, "promote or rollback"),
                new Case("seed 002 App Review: a phase under review waits, visibly, never completed", IOS, running(1, entered),
                        review(entered, null), entered.plus(Duration.ofHours(30)), DecisionType.WAIT_REVIEW, "waiting for App Review"),
                new Case("seed 002 App Review: a rejection halts and says so", IOS, running(1, entered), review(entered, false),
                        entered.plus(Duration.ofHours(30)), DecisionType.HALT, "App Review rejected the version"),
                new Case("seed 002 App Review: an approved version completes", IOS, running(1, entered), review(entered, true),
                        entered.plus(Duration.ofHours(30)), DecisionType.COMPLETE, "every gate of the last phase passed"),
                new Case("a paused rollout only holds", plan,
                        new Rollout("android-test", RolloutState.PAUSED, 0, entered, entered, 4, -1, false, false, "paused by sam"),
                        crashing, afterSoak, DecisionType.HOLD, "rollout is PAUSED"));
    }

    private static final Plan HOTFIX = android(true, "  hotfixSoak: 1h\n");
    private static final Plan IOS = TestPlans.parse("""
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: ios-test, version: "2.1.0"}
            spec:
              target: {type: testflight, appId: "1500000000", betaGroup: external-100}
              metrics: {critical_bugs: {kind: count, source: webhook, query: {kind: critical-bug}}}
              phases:
                - {name: testflight, groups: [external-100], soak: 24h, gates: [{metric: critical_bugs, max: 0}]}
                - name: app-review
                  target: {type: app-review, appId: "1500000000", versionString: "2.1.0", platform: IOS}
              onGateFail: pause
            """);

    static Rollout hotfix(int phase, Instant entered) {
        return new Rollout("android-test", RolloutState.RUNNING, phase, entered, entered, 3, -1, false, true, "hotfix started");
    }

    /** Apple's answer as the app-review source reports it: null while in review, then approved or rejected. */
    static Map<String, MetricSeries> review(Instant from, Boolean approved) {
        Instant at = from.plus(Duration.ofHours(29));
        List<Sample> samples = approved == null ? List.of() : List.of(new Sample(at, new Measure.Check(approved, at), null));
        return Map.of("app_review", new MetricSeries("app_review", samples, false));
    }

    private static final String TINY_RING = """
            apiVersion: ringmaster/v1
            kind: RolloutPlan
            metadata: {name: tiny}
            spec:
              target: {type: manual}
              metrics: {crash_rate: {kind: rate, source: sentry, query: {project: p, field: crashed-sessions}}}
              phases:
                - {name: ring-0, ring: ring-0, soak: 24h, gates: [{metric: crash_rate, max: 0.005, onInconclusive: advance}]}
                - {name: ga, audience: 100%}
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        Decision d = ENGINE.decide(c.plan(), c.rollout(), c.observations(), c.now());
        assertEquals(c.expected(), d.type(), d.summary());
        assertTrue(d.summary().contains(c.reasonMentions()), () -> "expected the reasons to mention '" + c.reasonMentions() + "': " + d.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyDecisionCarriesItsReasonsAndEvidence(Case c) {
        Decision d = ENGINE.decide(c.plan(), c.rollout(), c.observations(), c.now());
        assertFalse(d.reasons().isEmpty(), "a decision without a reason");
        assertEquals(c.now(), d.at());
        if (c.rollout().state() == RolloutState.RUNNING) {
            int criteria = c.plan().haltRules().size() + c.plan().phases().get(c.rollout().phaseIndex()).gates().size();
            assertEquals(criteria, d.verdicts().size(), "every gate and halt rule is judged on every tick");
            d.verdicts().forEach(v -> assertTrue(v.evidence() != null && v.outcome() != null, v.toString()));
        }
    }

    @org.junit.jupiter.api.Test
    void warningHaltRuleOnlyAlerts() {
        // 1.5 % crashes for an hour: above the 1 % warning, under the 2 % critical bound (seed 002 alert thresholds).
        Plan plan = android("");
        Decision d = ENGINE.decide(plan, running(0, T0), Map.of("crash_rate", rate("crash_rate", T0, 400, 300, 20000)),
                T0.plus(Duration.ofHours(2)));
        assertTrue(List.of(DecisionType.HOLD, DecisionType.HALT).contains(d.type()));
        assertTrue(d.alerts().stream().anyMatch(a -> a.rule().contains("crash_rate ≤ 0.01") && a.outcome() == Outcome.FAIL), d.alerts().toString());
        assertTrue(d.reasons().stream().noneMatch(r -> r.rule().contains("crash_rate ≤ 0.01")), "a warning never decides");
    }

    @org.junit.jupiter.api.Test
    void decisionsArePureFunctionsOfTheirInputs() {
        Plan plan = android("");
        Map<String, MetricSeries> obs = Map.of("crash_rate", rate("crash_rate", T0, 300, 2, 2000));
        Instant now = T0.plus(Duration.ofHours(25));
        assertEquals(ENGINE.decide(plan, running(0, T0), obs, now), ENGINE.decide(plan, running(0, T0), obs, now));
    }
}

package dev.ringmaster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 003's decision matrix: a plan with a risk and no phases expands into the seed's stages and waits. */
class RiskTemplateTest {

    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of("ZERO-RISK: code with flags OFF, deploy immediately, wait 0 hours", Risk.ZERO, List.of(0.0), List.of("0"),
                        List.of("-")),
                Arguments.of("LOW-RISK: flag-gated, 1 hour with the flag OFF, then on", Risk.LOW, List.of(0.0, 100.0), List.of("1h", "0"),
                        List.of("2h", "-")),
                Arguments.of("MEDIUM-RISK: 10% (2-4 hrs) → 50% (4-8 hrs) → 100% (24 h monitoring)", Risk.MEDIUM,
                        List.of(10.0, 50.0, 100.0), List.of("2h", "4h", "24h"), List.of("4h", "8h", "-")),
                Arguments.of("HIGH-RISK: 1-5% (8-24 hrs) → 10% → 25% → 50% → 75% → 100%, each stage 4-8 hours minimum", Risk.HIGH,
                        List.of(1.0, 10.0, 25.0, 50.0, 75.0, 100.0), List.of("8h", "4h", "4h", "4h", "4h", "24h"),
                        List.of("24h", "8h", "8h", "8h", "8h", "-")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void riskExpandsIntoTheSeedsStages(String rule, Risk risk, List<Double> audiences, List<String> soaks, List<String> maxSoaks) {
        Plan plan = PlanParser.parse("risk.yaml", planWith(risk)).plan();
        assertTrue(plan.fromTemplate());
        assertEquals(audiences, plan.phases().stream().map(Phase::percent).toList());
        assertEquals(soaks, plan.phases().stream().map(p -> Durations.format(p.soak())).toList());
        assertEquals(maxSoaks, plan.phases().stream().map(p -> Durations.format(p.maxSoak())).toList());
    }

    @org.junit.jupiter.api.Test
    void zeroRisk_monitorsDeploymentSuccessOnly_noGateNoHaltRule() {
        Plan plan = PlanParser.parse("risk.yaml", planWith(Risk.ZERO)).plan();
        assertEquals(List.of(), plan.phases().get(0).gates(), "the deploy itself is the check: the target must confirm it");
        assertEquals(List.of(), plan.haltRules());
    }

    @org.junit.jupiter.api.Test
    void lowRisk_keepsTheFlagOffForAnHourThatMustBeSilent() {
        Plan plan = PlanParser.parse("risk.yaml", planWith(Risk.LOW)).plan();
        Phase off = plan.phases().get(0);
        assertEquals(0.0, off.percent(), "flag OFF");
        assertEquals(Duration.ofHours(1), off.soak());
        assertEquals(List.of("error_rate ≤ 0.002"), off.gates().stream().map(g -> g.criterion().describe()).toList(),
                "no errors from new code (should be silent)");
    }

    @org.junit.jupiter.api.Test
    void zeroAndLowDeployWithTheFlagOff_soAStoreTargetIsRefused() {
        String onPlay = planWith(Risk.LOW).replace("target: {type: feature-flag, provider: json, url: \"s3://flags/app.json\", flag: feature}",
                "target: {type: google-play, packageName: com.example.app, track: production, versionCodes: [1]}");
        assertEquals(List.of("risk.yaml:5:9: spec.risk: risk LOW deploys with its feature flag OFF (seed 003): its target must be a"
                + " feature-flag (or manual) target, not google-play; or write phases"),
                PlanParser.parse("risk.yaml", onPlay).errors().stream().map(Object::toString).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyStageGatesTheSeedsMonitoredMetrics(String rule, Risk risk, List<Double> audiences, List<String> soaks, List<String> maxSoaks) {
        Plan plan = PlanParser.parse("risk.yaml", planWith(risk)).plan();
        for (Phase p : plan.phases()) {
            assertEquals(RiskTemplate.of(risk).monitors(), p.gates().stream().map(Gate::metric).toList(), p.name());
        }
    }

    @org.junit.jupiter.api.Test
    void mediumStagesUseTheDashboardTable() {
        Plan plan = PlanParser.parse("risk.yaml", planWith(Risk.MEDIUM)).plan();
        Phase canary = plan.phases().get(0);
        // Stage 3: "latency within 10% baseline"; warning column: error > 0.2 %, success < 99.8 %.
        assertEquals(List.of("error_rate ≤ 0.002", "latency_p95 ≤ 1.1 × baseline", "success_rate ≥ 0.998"),
                canary.gates().stream().map(g -> g.criterion().describe()).toList());
        // Critical column → Level 1 rollback; security alert ANY → immediate.
        assertEquals(List.of("error_rate ≤ 0.005 for 5m rollback", "latency_p95 ≤ 500 for 10m rollback",
                        "success_rate ≥ 0.995 for 5m rollback", "db_errors_per_min ≤ 50 for 5m rollback", "security_alerts ≤ 0 for 0 rollback"),
                plan.haltRules().stream().map(h -> h.criterion().describe() + " for " + Durations.format(h.sustain()) + " "
                        + h.action().name().toLowerCase()).toList());
        assertEquals(Duration.ofHours(24), plan.phases().get(2).soak(), "stage 5: 24 hours continuous monitoring");
    }

    @org.junit.jupiter.api.Test
    void aPlansOwnHaltRuleOnAMetricReplacesTheTemplates() {
        String yaml = planWith(Risk.MEDIUM).replace("  metrics:", "  haltRules: [{metric: error_rate, max: 0.01, for: 5m, action: pause}]\n  metrics:");
        Plan plan = PlanParser.parse("risk.yaml", yaml).plan();
        assertEquals(1, plan.haltRules().stream().filter(h -> h.metric().equals("error_rate")).count());
        assertEquals(0.01, plan.haltRules().get(0).bound().value());
    }

    static String planWith(Risk risk) {
        return """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: risk-%s}
                spec:
                  risk: %s
                  target: {type: feature-flag, provider: json, url: "s3://flags/app.json", flag: feature}
                  metrics:
                    error_rate: {kind: rate, source: prometheus, query: {bad: e, total: t}}
                    success_rate: {kind: rate, source: prometheus, query: {good: s, total: t}}
                    latency_p95: {kind: gauge, source: prometheus, query: {value: l}}
                    db_errors_per_min: {kind: count, source: prometheus, query: {value: d}}
                    security_alerts: {kind: count, source: webhook, query: {kind: security-alert}}
                """.formatted(risk.name().toLowerCase(), risk);
    }
}

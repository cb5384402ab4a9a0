package dev.ringmaster.core.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.plan.PlanParser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pushed metrics (report, webhook) take only what something can push: every other field is refused, named. */
class PushedMetricsPlanTest {

    private static List<String> errors(String metric) {
        return PlanParser.parse("plan.yaml", """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: web-2-1-0-canary, app: web, version: "2.1.0"}
                spec:
                  target: {type: manual}
                  metrics:
                    %s
                  phases:
                    - {name: canary, audience: 1%%, soak: 1h}
                    - {name: ga, audience: 100%%}
                """.formatted(metric)).errors().stream().map(e -> e.path() + ": " + e.message()).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("report gives check results only: a count reported by hand has no command to report it",
                        "bugs: {kind: count, source: report}", List.of("spec.metrics.bugs.source: source 'report' cannot give count metrics; it gives [check]")),
                Arguments.of("seed 004: a webhook count by kind and alertname is a valid metric",
                        "db: {kind: count, source: webhook, query: {kind: alertmanager, filter: DatabaseConnectionsExhausted}}", List.of()),
                Arguments.of("seed 001: container health checks told by a webhook", "health_checks: {kind: check, source: webhook}", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pushedMetrics(String rule, String metric, List<String> expected) {
        assertEquals(expected, errors(metric));
    }
}

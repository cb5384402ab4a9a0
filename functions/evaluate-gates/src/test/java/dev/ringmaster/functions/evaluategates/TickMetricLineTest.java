package dev.ringmaster.functions.evaluategates;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each finished tick prints one CloudWatch Embedded Metric Format line, the metric the rollout's no-tick alarm
 * ({@code ringmaster-no-tick-<rolloutId>}) watches: namespace Ringmaster, metric Ticks, dimension RolloutId.
 */
@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class TickMetricLineTest {

    /** The metric lines printed while the function handled {@code body}. */
    private static List<JsonNode> metricLinesOf(String body) {
        return Fixtures.metricLinesOf(() -> given().contentType("application/json").body(body).post().then().statusCode(200));
    }

    @Test
    void aFinishedTick_printsOneTicksLine_inTheShapeCloudWatchReads() {
        String id = Fixtures.id("emf");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(10));
        long before = System.currentTimeMillis();

        List<JsonNode> lines = metricLinesOf(Fixtures.event("tick.json", id));

        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = lines.get(0);
        JsonNode aws = line.path("_aws");
        assertTrue(aws.path("Timestamp").isIntegralNumber() && aws.path("Timestamp").asLong() >= before, "epoch milliseconds: " + line);
        assertEquals(1, aws.path("CloudWatchMetrics").size());
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertEquals("Ringmaster", directive.path("Namespace").asText());
        assertEquals(Fixtures.json("[[\"RolloutId\"]]"), directive.path("Dimensions"), "one dimension set: the rollout");
        assertEquals(Fixtures.json("[{\"Name\":\"Ticks\",\"Unit\":\"Count\"}]"), directive.path("Metrics"));
        assertEquals(id, line.path("RolloutId").asText(), "the dimension's value is a root member");
        assertTrue(line.path("Ticks").isNumber() && line.path("Ticks").asInt() == 1, "the metric's value is a root number: " + line);
    }

    @Test
    void aTickOfNoRollout_printsNoTicksLine() {
        assertEquals(List.of(), metricLinesOf(Fixtures.event("tick.json", Fixtures.id("never-started"))));
    }
}

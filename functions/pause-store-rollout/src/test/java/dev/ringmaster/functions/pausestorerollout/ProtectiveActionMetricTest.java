package dev.ringmaster.functions.pausestorerollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.functions.runtime.Fixtures;
import dev.ringmaster.functions.runtime.LocalAws;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A halt, rollback or kill that failed or was refused prints one CloudWatch Embedded Metric Format line,
 * {@code ProtectiveActionFailed} in namespace Ringmaster without dimension: the stack's alarm
 * {@code ringmaster-protective-action-failed} pages on-call on it.
 */
@QuarkusTest
@QuarkusTestResource(LocalAws.class)
class ProtectiveActionMetricTest {

    /** The metric lines printed while the function handled {@code body}. */
    private static List<JsonNode> metricLinesOf(String body) {
        return Fixtures.metricLinesOf(() -> given().contentType("application/json").body(body).post().then().statusCode(200));
    }

    @Test
    void aRefusedRollback_printsOneProtectiveActionFailedLine_namingTheRollout() {
        String id = Fixtures.id("emf-refused");
        Fixtures.running(id, Fixtures.plan(id, Fixtures.GOOGLE_PLAY, 0, 200_000, ""), 0, Duration.ofMinutes(30));
        RolloutEvent rollback = Fixtures.asked(id, RolloutState.ROLLING_BACK, Command.Type.ROLLBACK, Action.ROLLBACK,
                NotifyEvent.ROLLED_BACK, Fixtures.now());

        List<JsonNode> lines = metricLinesOf(Fixtures.envelope(rollback));

        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = lines.get(0);
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertTrue(line.path("_aws").path("Timestamp").isIntegralNumber(), line.toString());
        assertEquals("Ringmaster", directive.path("Namespace").asText());
        assertEquals(Fixtures.json("[[]]"), directive.path("Dimensions"), "no dimension: one alarm for every rollout");
        assertEquals(Fixtures.json("[{\"Name\":\"ProtectiveActionFailed\",\"Unit\":\"Count\"}]"), directive.path("Metrics"));
        assertEquals(1, line.path("ProtectiveActionFailed").asInt());
        assertEquals(id, line.path("rolloutId").asText());
        assertEquals("ROLLBACK", line.path("action").asText());
    }

    @Test
    void aHaltThatTook_printsNoMetricLine() {
        String id = Fixtures.id("emf-halt");
        Fixtures.running(id, Fixtures.healthyPlan(id), 0, Duration.ofMinutes(30));
        RolloutEvent halt = Fixtures.asked(id, RolloutState.PAUSED, Command.Type.PAUSE, Action.HALT, NotifyEvent.PAUSED, Fixtures.now());

        assertEquals(List.of(), metricLinesOf(Fixtures.envelope(halt)));
    }
}

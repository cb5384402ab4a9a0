package dev.ringmaster.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines are what CloudWatch's Embedded Metric Format specification asks, or CloudWatch makes no metric of them. */
class EmbeddedMetricTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-05-01T10:05:00.123Z");

    /**
     * The specification's rules for one line: {@code _aws.Timestamp} in epoch milliseconds, each metric directive
     * with a Namespace, dimension sets naming root members with string values, metric definitions naming root
     * members with number values, and one line, so the log event is the whole document.
     */
    private static JsonNode emf(String line) throws Exception {
        assertFalse(line.contains("\n"), "one log line");
        JsonNode root = JSON.readTree(line);
        assertTrue(root.path("_aws").path("Timestamp").isIntegralNumber(), line);
        assertTrue(root.path("_aws").path("CloudWatchMetrics").isArray() && root.path("_aws").path("CloudWatchMetrics").size() == 1, line);
        for (JsonNode directive : root.path("_aws").path("CloudWatchMetrics")) {
            String ns = directive.path("Namespace").asText();
            assertTrue(!ns.isEmpty() && ns.length() <= 1024, line);
            for (JsonNode set : directive.path("Dimensions")) {
                assertTrue(set.isArray() && set.size() <= 30, line);
                set.forEach(d -> assertTrue(root.path(d.asText()).isTextual(), "dimension " + d + " is a root string: " + line));
            }
            assertTrue(directive.path("Metrics").size() >= 1, line);
            for (JsonNode metric : directive.path("Metrics")) {
                assertTrue(root.path(metric.path("Name").asText()).isNumber(), "metric " + metric + " is a root number: " + line);
                assertEquals("Count", metric.path("Unit").asText());
            }
        }
        return root;
    }

    private static List<String> dimensionSet(JsonNode root) {
        List<String> set = new ArrayList<>();
        root.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).forEach(d -> set.add(d.asText()));
        return set;
    }

    @Test
    void aTick_isOneTicksCountInNamespaceRingmaster_byRolloutId() throws Exception {
        JsonNode tick = emf(EmbeddedMetric.tick("android-2-1-0", AT));

        assertEquals(AT.toEpochMilli(), tick.path("_aws").path("Timestamp").asLong());
        assertEquals("Ringmaster", tick.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText());
        assertEquals("Ticks", tick.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText());
        assertEquals(List.of("RolloutId"), dimensionSet(tick), "the no-tick alarm watches one rollout's ticks");
        assertEquals("android-2-1-0", tick.path("RolloutId").asText());
        assertEquals(1, tick.path("Ticks").asInt());
    }

    @Test
    void aFailedProtectiveAction_isOneCountWithoutDimension_namingTheRolloutAsAField() throws Exception {
        JsonNode failed = emf(EmbeddedMetric.protectiveActionFailed("android-2-1-0", "ROLLBACK", AT));

        assertEquals("ProtectiveActionFailed", failed.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText());
        assertEquals(List.of(), dimensionSet(failed), "one alarm covers every rollout");
        assertEquals(1, failed.path("ProtectiveActionFailed").asInt());
        assertEquals("android-2-1-0", failed.path("rolloutId").asText(), "Logs Insights finds the rollout");
        assertEquals("ROLLBACK", failed.path("action").asText());
    }
}

package dev.ringmaster.adapters.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * ringmaster's own metrics as CloudWatch Embedded Metric Format lines: a function prints one to stdout, Lambda
 * sends it to the function's log group and CloudWatch makes the metric from it, so no PutMetricData call (and
 * no permission) is needed and nothing is paid while nothing is printed. The names here are the ones the alarms
 * watch: {@link NoTickAlarm} and the stack's static alarm on {@link #PROTECTIVE_ACTION_FAILED}.
 */
public final class EmbeddedMetric {
    public static final String NAMESPACE = "Ringmaster";
    /** One per completed tick, by rollout; the rollout's no-tick alarm watches it. */
    public static final String TICKS = "Ticks";
    public static final String ROLLOUT_ID = "RolloutId";
    /** One per halt, rollback or kill whose call failed or was refused, without dimension: one alarm covers every rollout. */
    public static final String PROTECTIVE_ACTION_FAILED = "ProtectiveActionFailed";

    private EmbeddedMetric() {
    }

    /** A tick of {@code rolloutId} at {@code at}: {@code Ticks} = 1 with dimension {@code RolloutId}. */
    public static String tick(String rolloutId, Instant at) {
        ObjectNode line = line(TICKS, at, ROLLOUT_ID);
        line.put(ROLLOUT_ID, rolloutId);
        return line.toString();
    }

    /** A halt, rollback or kill of {@code rolloutId} that did not take; the rollout is named in the line, not as a dimension. */
    public static String protectiveActionFailed(String rolloutId, String action, Instant at) {
        ObjectNode line = line(PROTECTIVE_ACTION_FAILED, at);
        line.put("rolloutId", rolloutId);
        line.put("action", action);
        return line.toString();
    }

    /** {@code {"_aws": {"Timestamp", "CloudWatchMetrics": [{"Namespace", "Dimensions", "Metrics"}]}, metric: 1}}. */
    private static ObjectNode line(String metric, Instant at, String... dimensions) {
        ObjectNode root = RolloutEventJson.JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", at.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode set = directive.putArray("Dimensions").addArray();
        for (String d : dimensions) {
            set.add(d);
        }
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        root.put(metric, 1);
        return root;
    }
}

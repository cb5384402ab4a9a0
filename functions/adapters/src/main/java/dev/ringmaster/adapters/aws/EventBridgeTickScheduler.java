package dev.ringmaster.adapters.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.TickScheduler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * One EventBridge Scheduler schedule per active rollout, {@code ringmaster-<rolloutId>}, invoking
 * evaluate-gates with {@code {"rolloutId": "..."}} (REST-JSON: POST/DELETE /schedules/{Name}).
 *
 * <p>Both calls are idempotent as the port requires: a schedule that already exists (ConflictException) is
 * the one wanted, and a schedule already gone (ResourceNotFoundException) is unscheduled.
 */
public final class EventBridgeTickScheduler implements TickScheduler {
    /** Scheduler limits names to 64 characters of [0-9a-zA-Z-_.]. */
    static final int MAX_NAME = 64;
    private static final String PREFIX = "ringmaster-";

    private final AwsJsonClient client;
    private final String functionArn;
    private final String roleArn;
    private final String group;

    /**
     * @param functionArn the evaluate-gates function the schedule invokes
     * @param roleArn     the role Scheduler assumes to invoke it (lambda:InvokeFunction)
     * @param group       the schedule group, or null for "default"
     */
    public EventBridgeTickScheduler(AwsJsonClient client, String functionArn, String roleArn, String group) {
        this.client = client;
        this.functionArn = require(functionArn, "functionArn");
        this.roleArn = require(roleArn, "roleArn");
        this.group = group == null || group.isBlank() ? null : group;
    }

    @Override
    public void schedule(String rolloutId, Duration rate) {
        ObjectNode body = AwsJsonClient.JSON.createObjectNode();
        body.put("ScheduleExpression", rateExpression(rate));
        body.putObject("FlexibleTimeWindow").put("Mode", "OFF");
        body.put("State", "ENABLED");
        body.put("Description", "ringmaster tick for rollout " + rolloutId);
        if (group != null) {
            body.put("GroupName", group);
        }
        ObjectNode target = body.putObject("Target");
        target.put("Arn", functionArn);
        target.put("RoleArn", roleArn);
        target.put("Input", AwsJsonClient.write(AwsJsonClient.JSON.createObjectNode().put("rolloutId", rolloutId)));
        try {
            client.call("Scheduler CreateSchedule " + name(rolloutId), SdkHttpMethod.POST, path(rolloutId),
                    Map.of("Content-Type", "application/json"), AwsJsonClient.write(body));
        } catch (AwsCallFailed e) {
            if (!"ConflictException".equals(e.errorCode())) {
                throw e;
            }
            // Already scheduled: a second start, or a retry of one whose answer was lost.
        }
    }

    @Override
    public void unschedule(String rolloutId) {
        try {
            client.call("Scheduler DeleteSchedule " + name(rolloutId), SdkHttpMethod.DELETE,
                    path(rolloutId) + (group == null ? "" : "?groupName=" + group), Map.of(), null);
        } catch (AwsCallFailed e) {
            if (!"ResourceNotFoundException".equals(e.errorCode()) && e.status() != 404) {
                throw e;
            }
        }
    }

    private static String path(String rolloutId) {
        return "/schedules/" + name(rolloutId);
    }

    /**
     * {@code ringmaster-<rolloutId>}; a rollout id may have 63 characters, so a name over Scheduler's limit
     * keeps its start and ends with a hash of the id, stable across calls so delete finds what create made.
     */
    static String name(String rolloutId) {
        String name = PREFIX + rolloutId;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = sha256(rolloutId).substring(0, 10);
        return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
    }

    /** rate(5 minutes), rate(1 hour), rate(2 days): Scheduler wants whole units and the singular for 1. */
    static String rateExpression(Duration rate) {
        long minutes = rate.toMinutes();
        if (minutes < 1 || !rate.equals(Duration.ofMinutes(minutes))) {
            throw new IllegalArgumentException("tick rate must be whole minutes, at least 1: " + rate);
        }
        if (minutes % 1440 == 0) {
            return unit(minutes / 1440, "day");
        }
        if (minutes % 60 == 0) {
            return unit(minutes / 60, "hour");
        }
        return unit(minutes, "minute");
    }

    private static String unit(long n, String unit) {
        return "rate(" + n + " " + unit + (n == 1 ? "" : "s") + ")";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required to create tick schedules");
        }
        return value;
    }
}

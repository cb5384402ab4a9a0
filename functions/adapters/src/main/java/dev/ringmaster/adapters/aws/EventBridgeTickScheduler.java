package dev.ringmaster.adapters.aws;

import dev.ringmaster.core.port.TickScheduler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * One EventBridge Scheduler schedule per active rollout, {@code ringmaster-<rolloutId>}, invoking
 * evaluate-gates with {@code {"rolloutId": "..."}} at a fixed rate.
 *
 * <p>Both calls are idempotent as the port requires: a schedule that already exists (ConflictException) is
 * updated to the wanted one, so a second start or a retried one leaves exactly this schedule, and a schedule
 * already gone (ResourceNotFoundException) is unscheduled.
 *
 * <p>With a {@link NoTickAlarm}, each schedule has its alarm "no tick for two intervals". The schedule comes first:
 * an alarm that cannot be made (CloudWatch refused or unreachable) is said on stderr, in the function's log, and
 * the rollout ticks without it; a missing alarm must never stop the ticks that keep a rollout safe. The alarm
 * goes first when unscheduling: if it cannot be deleted the schedule stays and the next tick tries both again,
 * since an alarm left behind would page on-call for a rollout that has finished.
 */
public final class EventBridgeTickScheduler implements TickScheduler {
    /** Scheduler limits names to 64 characters of [0-9a-zA-Z-_.]. */
    static final int MAX_NAME = 64;
    private static final String PREFIX = "ringmaster-";

    private final SchedulerClient scheduler;
    private final String functionArn;
    private final String roleArn;
    private final String group;
    private final NoTickAlarm alarm;
    private final Consumer<String> stderr;

    /**
     * @param functionArn the evaluate-gates function the schedule invokes
     * @param roleArn     the role Scheduler assumes to invoke it (lambda:InvokeFunction)
     * @param group       the schedule group, or null for "default"
     */
    public EventBridgeTickScheduler(SchedulerClient scheduler, String functionArn, String roleArn, String group) {
        this(scheduler, functionArn, roleArn, group, null, System.err::println);
    }

    /**
     * @param alarm  each rollout's no-tick alarm, or null for none
     * @param stderr where an alarm that could not be made is said (System.err::println: the function's log)
     */
    public EventBridgeTickScheduler(SchedulerClient scheduler, String functionArn, String roleArn, String group, NoTickAlarm alarm,
                                    Consumer<String> stderr) {
        this.scheduler = scheduler;
        this.functionArn = require(functionArn, "functionArn");
        this.roleArn = require(roleArn, "roleArn");
        this.group = group == null || group.isBlank() ? null : group;
        this.alarm = alarm;
        this.stderr = stderr;
    }

    @Override
    public void schedule(String rolloutId, Duration rate) {
        String name = name(rolloutId);
        String expression = rateExpression(rate);
        FlexibleTimeWindow exact = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
        Target target = Target.builder().arn(functionArn).roleArn(roleArn)
                .input(RolloutEventJson.JSON.createObjectNode().put("rolloutId", rolloutId).toString()).build();
        String description = "ringmaster tick for rollout " + rolloutId;
        try {
            scheduler.createSchedule(r -> r.name(name).groupName(group).scheduleExpression(expression).flexibleTimeWindow(exact)
                    .state(ScheduleState.ENABLED).description(description).target(target));
        } catch (ConflictException e) {
            // Already there (a second start, or a retry of one whose answer was lost): make it the wanted one,
            // since UpdateSchedule replaces every field.
            try {
                scheduler.updateSchedule(r -> r.name(name).groupName(group).scheduleExpression(expression).flexibleTimeWindow(exact)
                        .state(ScheduleState.ENABLED).description(description).target(target));
            } catch (SdkException u) {
                throw failed("UpdateSchedule", name, u);
            }
        } catch (SdkException e) {
            throw failed("CreateSchedule", name, e);
        }
        if (alarm != null) {
            try {
                alarm.put(rolloutId, rate);
            } catch (RuntimeException e) {
                stderr.accept("rollout " + rolloutId + " ticks without its no-tick alarm: " + e.getMessage());
            }
        }
    }

    @Override
    public void unschedule(String rolloutId) {
        String name = name(rolloutId);
        if (alarm != null) {
            alarm.delete(rolloutId);
        }
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(group));
        } catch (ResourceNotFoundException e) {
            // Already gone: a retried unschedule, or a schedule deleted by hand.
        } catch (SdkException e) {
            throw failed("DeleteSchedule", name, e);
        }
    }

    private static IllegalStateException failed(String operation, String name, SdkException e) {
        return new IllegalStateException("Scheduler " + operation + " " + name + " failed: " + AwsClients.reason(e), e);
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

package dev.ringmaster.adapters.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The alarm "a rollout with no tick for two intervals": {@code ringmaster-no-tick-<rolloutId>} on the rollout's
 * {@link EmbeddedMetric#TICKS}, Sum &lt; 1 in each of two periods of one tick interval, missing data breaching,
 * notifying the on-call topic. It exists only while the rollout's schedule does (a standard alarm costs by the
 * hour), so none is paid for while no rollout runs.
 *
 * <p>CloudWatch judges a new alarm over a metric with no data yet as breaching; so that a start does not page
 * on-call before the first tick, {@link #put} first prints one {@code Ticks} line for the rollout (the schedule's
 * creation counts as its tick 0), then creates the alarm.
 */
public final class NoTickAlarm {
    static final String PREFIX = "ringmaster-no-tick-";
    static final int PERIODS = 2;

    private final CloudWatchClient cloudWatch;
    private final String topicArn;
    private final Clock clock;
    private final Consumer<String> stdout;

    /**
     * @param topicArn the on-call SNS topic the alarm notifies
     * @param clock    the tick-0 line's time
     * @param stdout   where the tick-0 metric line goes (the function's log: System.out::println)
     */
    public NoTickAlarm(CloudWatchClient cloudWatch, String topicArn, Clock clock, Consumer<String> stdout) {
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalArgumentException("topicArn is required for the no-tick alarms");
        }
        this.cloudWatch = cloudWatch;
        this.topicArn = topicArn;
        this.clock = clock;
        this.stdout = stdout;
    }

    /** Creates or replaces (PutMetricAlarm is an upsert) the rollout's alarm for ticks every {@code interval}. */
    void put(String rolloutId, Duration interval) {
        stdout.accept(EmbeddedMetric.tick(rolloutId, clock.instant()));
        String name = name(rolloutId);
        try {
            cloudWatch.putMetricAlarm(r -> r.alarmName(name)
                    .alarmDescription("Rollout " + rolloutId + " had no tick for " + PERIODS + " intervals of " + interval.toMinutes()
                            + " min: its schedule, evaluate-gates or the table is failing (docs/deploy.md, Alarms)")
                    .namespace(EmbeddedMetric.NAMESPACE).metricName(EmbeddedMetric.TICKS)
                    .dimensions(d -> d.name(EmbeddedMetric.ROLLOUT_ID).value(rolloutId))
                    .statistic(Statistic.SUM).period((int) interval.toSeconds())
                    .evaluationPeriods(PERIODS).datapointsToAlarm(PERIODS)
                    .threshold(1.0).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .treatMissingData("breaching").actionsEnabled(true).alarmActions(topicArn));
        } catch (SdkException e) {
            throw new IllegalStateException("CloudWatch PutMetricAlarm " + name + " failed: " + AwsClients.reason(e), e);
        }
    }

    /** Deletes the rollout's alarm; one already gone is deleted. */
    void delete(String rolloutId) {
        String name = name(rolloutId);
        try {
            cloudWatch.deleteAlarms(r -> r.alarmNames(name));
        } catch (SdkException e) {
            // 404 ResourceNotFound: deleted by hand, or never made (its creation failed at start). The SDK maps
            // the code to no exception class of its own, so the status decides.
            if (e instanceof AwsServiceException s && s.statusCode() == 404) {
                return;
            }
            throw new IllegalStateException("CloudWatch DeleteAlarms " + name + " failed: " + AwsClients.reason(e), e);
        }
    }

    /** Alarm names may have 255 characters; a rollout id has at most 63. */
    static String name(String rolloutId) {
        return PREFIX + rolloutId;
    }
}

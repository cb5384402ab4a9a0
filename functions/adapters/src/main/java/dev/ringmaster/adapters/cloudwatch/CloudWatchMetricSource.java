package dev.ringmaster.adapters.cloudwatch;

import dev.ringmaster.adapters.aws.AwsClients;
import dev.ringmaster.adapters.baseline.Baseline;
import dev.ringmaster.adapters.baseline.StepGrid;
import dev.ringmaster.adapters.baseline.StepMeasures;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Source {@code cloudwatch} (CONTRACTS.md §1.3): GetMetricData per period of {@code period}, one sample per period
 * ending in {@code (from, to]}, at the period's end. Rate: the Sums of two metrics (counts), gauge: a metric's stat,
 * count: a metric's Sum (events in the period). {@code $version} in a dimension value is the canary's version and,
 * for the baseline, the previous one (both sides in one call); without it, the baseline is the same metrics over
 * the same length of time before the rollout started (a second call).
 */
public final class CloudWatchMetricSource implements MetricSource {
    public static final String KEY = "cloudwatch";
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);
    /** A NextToken chain longer than this is a stand-in gone wrong, not data. */
    private static final int MAX_PAGES = 100;
    private static final Set<Long> HIGH_RESOLUTION = Set.of(1L, 5L, 10L, 30L);

    private final CloudWatchClient client;
    private final Duration period;

    public CloudWatchMetricSource(CloudWatchClient client) {
        this(client, DEFAULT_PERIOD);
    }

    public CloudWatchMetricSource(CloudWatchClient client, Duration period) {
        long s = period.toSeconds();
        if (period.toMillis() != s * 1000 || !(HIGH_RESOLUTION.contains(s) || s >= 60 && s % 60 == 0)) {
            throw new IllegalArgumentException("cloudwatch period " + period + " must be 1, 5, 10 or 30 seconds or a multiple of 60 seconds");
        }
        this.client = client;
        this.period = period;
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef metric, Release release, Instant from, Instant to) {
        CloudWatchQuery query = CloudWatchQuery.of(metric);
        if (query.versioned() && release.version() == null) {
            throw new Unavailable("cloudwatch metric " + metric.name() + ": a dimension uses $version but the release has no version");
        }
        // from null or not before to: the one period ending last at or before `to`.
        boolean instant = from == null || !from.isBefore(to);
        StepGrid grid = StepGrid.within(instant ? to.minus(period) : from, to, period).orElse(null);
        if (grid == null) {
            return List.of();
        }
        Baseline baseline = Baseline.of(query.versioned(), release, to, period);
        List<MetricDataQuery> queries = new ArrayList<>(query.queries("c", release.version(), period));
        if (baseline instanceof Baseline.Version v) {
            queries.addAll(query.queries("b", v.version(), period));
        }
        Map<String, SortedMap<Instant, Double>> values = fetch(metric, queries, grid);
        SortedMap<Instant, Measure> canary = side(metric, query, values, "c");
        Map<Instant, Measure> base = Map.of();
        if (baseline instanceof Baseline.Version) {
            base = side(metric, query, values, "b");
        } else if (baseline instanceof Baseline.Earlier e && !canary.isEmpty()) {
            base = side(metric, query, fetch(metric, query.queries("b", release.version(), period), grid.earlier(e.shift())), "b");
        }
        return Baseline.pair(canary, base, baseline.shift());
    }

    private SortedMap<Instant, Measure> side(MetricDef metric, CloudWatchQuery query, Map<String, SortedMap<Instant, Double>> values, String side) {
        Map<String, SortedMap<Instant, Double>> byKey = new HashMap<>();
        query.metrics().keySet().forEach(key -> byKey.put(key, values.getOrDefault(side + "_" + key, new TreeMap<>())));
        return StepMeasures.of(metric, byKey, period, false, query::describe);
    }

    /**
     * One GetMetricData call (following NextToken) over the periods of {@code grid}: StartTime is the first period's
     * start (inclusive), EndTime the last one's end (exclusive). Values by query id and period end.
     */
    private Map<String, SortedMap<Instant, Double>> fetch(MetricDef metric, List<MetricDataQuery> queries, StepGrid grid) {
        Map<String, SortedMap<Instant, Double>> out = new HashMap<>();
        GetMetricDataRequest.Builder request = GetMetricDataRequest.builder().metricDataQueries(queries)
                .startTime(grid.first().minus(period)).endTime(grid.last()).scanBy(ScanBy.TIMESTAMP_ASCENDING);
        String token = null;
        int pages = 0;
        do {
            GetMetricDataResponse page;
            try {
                page = client.getMetricData(request.nextToken(token).build());
            } catch (SdkException e) {
                throw new Unavailable("cloudwatch metric " + metric.name() + ": GetMetricData failed: " + AwsClients.reason(e));
            }
            for (MetricDataResult r : page.metricDataResults()) {
                if (r.statusCode() == StatusCode.INTERNAL_ERROR || r.statusCode() == StatusCode.FORBIDDEN) {
                    throw new Unavailable("cloudwatch metric " + metric.name() + ": GetMetricData answered " + r.statusCodeAsString()
                            + " for " + r.id() + messages(r.messages(), page.messages()));
                }
                SortedMap<Instant, Double> series = out.computeIfAbsent(r.id(), id -> new TreeMap<>());
                // Timestamps are period starts; a sample is at its period's end. Periods without data are absent.
                for (int i = 0; i < Math.min(r.timestamps().size(), r.values().size()); i++) {
                    if (Double.isFinite(r.values().get(i))) {
                        series.put(r.timestamps().get(i).plus(period), r.values().get(i));
                    }
                }
            }
            token = page.nextToken();
            if (++pages >= MAX_PAGES && token != null) {
                throw new Unavailable("cloudwatch metric " + metric.name() + ": GetMetricData still had more pages after " + MAX_PAGES);
            }
        } while (token != null && !token.isEmpty());
        return out;
    }

    private static String messages(List<MessageData> result, List<MessageData> response) {
        List<MessageData> all = new ArrayList<>(result);
        all.addAll(response);
        return all.isEmpty() ? "" : ": " + all.stream().map(m -> m.code() + " " + m.value()).collect(Collectors.joining("; "));
    }
}

package dev.ringmaster.adapters.prometheus;

import dev.ringmaster.adapters.baseline.Baseline;
import dev.ringmaster.adapters.baseline.StepGrid;
import dev.ringmaster.adapters.baseline.StepMeasures;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Source {@code prometheus} (CONTRACTS.md §1.3): PromQL per step of {@code step} over {@code (from, to]}, one sample
 * per step at the step's end. Rate {@code {bad | good, total}} (counts, rounded to whole numbers), gauge
 * {@code {value}}, count {@code {value}} (events per minute). {@code $version} becomes the canary's version (the
 * previous version for the baseline); {@code $step} becomes the step ({@code 5m}), so {@code increase(x[$step])}
 * covers exactly one step. Without {@code $version} the baseline is the same query before the rollout started.
 */
public final class PrometheusMetricSource implements MetricSource {
    public static final String KEY = "prometheus";
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(5);

    private final PrometheusApi api;
    private final Duration step;

    /** @param headers sent with every query, values already resolved (an Authorization token); never logged */
    public PrometheusMetricSource(URI baseUrl, Map<String, String> headers, Http http) {
        this(baseUrl, headers, http, DEFAULT_STEP);
    }

    public PrometheusMetricSource(URI baseUrl, Map<String, String> headers, Http http, Duration step) {
        if (step.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("prometheus step " + step + " must be at least 1s");
        }
        this.api = new PrometheusApi(baseUrl, headers, http);
        this.step = step;
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef metric, Release release, Instant from, Instant to) {
        Map<String, String> queries = PromQueries.of(metric);
        boolean versioned = queries.values().stream().anyMatch(q -> q.contains(PromQueries.VERSION));
        if (versioned && release.version() == null) {
            throw new Unavailable("prometheus metric " + metric.name() + ": its query uses $version but the release has no version");
        }
        Baseline baseline = Baseline.of(versioned, release, to, step);
        // from null or not before to: one instant query at `to`, as a gate over "now" asks.
        boolean instant = from == null || !from.isBefore(to);
        StepGrid grid = instant ? null : StepGrid.within(from, to, step).orElse(null);
        if (!instant && grid == null) {
            return List.of();
        }
        SortedMap<Instant, Measure> canary = measures(metric, queries, release.version(), instant ? to : null, grid);
        Map<Instant, Measure> base = Map.of();
        if (!canary.isEmpty() && !(baseline instanceof Baseline.None)) {
            Duration shift = baseline.shift();
            String version = baseline instanceof Baseline.Version v ? v.version() : release.version();
            base = measures(metric, queries, version, instant ? to.minus(shift) : null, instant ? null : grid.earlier(shift));
        }
        return Baseline.pair(canary, base, baseline.shift());
    }

    /** One side's measure per step; {@code at} for an instant query, else {@code grid}. */
    private SortedMap<Instant, Measure> measures(MetricDef metric, Map<String, String> queries, String version, Instant at, StepGrid grid) {
        Map<String, SortedMap<Instant, Double>> values = new TreeMap<>();
        Map<String, String> sent = new TreeMap<>();
        queries.forEach((key, query) -> {
            String promql = PromQueries.substitute(query, version, step);
            sent.put(key, promql);
            String what = "prometheus metric " + metric.name() + ", " + describe(key, promql);
            values.put(key, at != null ? api.instant(promql, at, what) : api.range(promql, grid, what));
        });
        return StepMeasures.of(metric, values, step, true, key -> describe(key, sent.get(key)));
    }

    private static String describe(String key, String promql) {
        return "query." + key + " '" + promql + "'";
    }
}

package dev.ringmaster.adapters.live;

import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The real metric sources (docs/sources.md), each reached where the plan's {@code spec.sources} says, or where the
 * environment overrides it ({@code RINGMASTER_PROMETHEUS_URL}, …): one adapter per connection, made on first use and
 * kept, so one deployment reads each plan's own Prometheus. Used alike by the Lambdas and {@code ringmaster gate}.
 */
public final class LiveSources implements MetricSource {
    private final Map<String, MetricSource> adapters = new ConcurrentHashMap<>();
    private final StaticMetricSource statics = new StaticMetricSource();

    private LiveSources() {
    }

    /**
     * @param setting a setting by its dotted name ({@code ringmaster.prometheus.url}); Quarkus reads
     *                {@code RINGMASTER_PROMETHEUS_URL} into the same key
     * @param env     the process environment (GOOGLE_APPLICATION_CREDENTIALS, AWS_REGION, RINGMASTER_AWS_ENDPOINT)
     */
    public static LiveSources from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock) {
        return new LiveSources();
    }

    /** The sources this build reads. */
    public Set<String> registered() {
        return Set.of(StaticMetricSource.KEY);
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef metric, Release release, Instant from, Instant to) {
        if (metric.source().equals(StaticMetricSource.KEY)) {
            return statics.read(metric, release.rolloutId(), release.version(), from, to);
        }
        throw new Unavailable("no adapter for source '" + metric.source() + "' in this build");
    }
}

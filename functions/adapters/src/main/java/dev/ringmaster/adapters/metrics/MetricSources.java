package dev.ringmaster.adapters.metrics;

import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes each metric to the adapter of its {@code source}. A source this build has no adapter for answers
 * {@link MetricSource.Unavailable} with that fact, not an empty series: the tick holds, says why, and after
 * the plan's circuit breaker pauses the rollout, which is honest about what this build can see.
 */
public final class MetricSources implements MetricSource {
    private final Map<String, MetricSource> sources;

    public MetricSources(Map<String, MetricSource> sources) {
        this.sources = Map.copyOf(new LinkedHashMap<>(sources));
    }

    public Set<String> registered() {
        return sources.keySet();
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        MetricSource source = sources.get(metric.source());
        if (source == null) {
            throw new Unavailable("no adapter for source '" + metric.source() + "' in this build");
        }
        return source.read(metric, rolloutId, version, from, to);
    }
}

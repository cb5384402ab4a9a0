package dev.ringmaster.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.MetricSource;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSourcesTest {
    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
    private final MetricSources sources = new MetricSources(Map.of(StaticMetricSource.KEY, new StaticMetricSource()));

    @Test
    void routesByTheMetricsSource() {
        MetricDef def = new MetricDef("crash_rate", MetricKind.RATE, "static", Map.of("bad", 1, "total", 100));
        assertEquals(new Measure.Counts(1, 100), sources.read(def, "r", "1", T.minusSeconds(60), T).get(0).canary());
    }

    @Test
    void unregisteredSource_isUnavailable_sayingThisBuildHasNoAdapter() {
        MetricDef def = new MetricDef("crash_rate", MetricKind.RATE, "prometheus", Map.of("bad", "x", "total", "y"));
        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class, () -> sources.read(def, "r", "1", T, T));
        assertEquals("no adapter for source 'prometheus' in this build", e.getMessage());
    }
}

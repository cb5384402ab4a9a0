package dev.ringmaster.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.MetricSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticMetricSourceTest {
    private static final Instant FROM = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-05-01T11:00:00Z");
    private final StaticMetricSource source = new StaticMetricSource();

    private List<Sample> read(MetricKind kind, Map<String, Object> query) {
        return source.read(new MetricDef("m", kind, "static", query), "r", "1.0", FROM, TO);
    }

    @Test
    void rate_badOfTotal_isOneSampleAtTheWindowEnd_withItsBaseline() {
        List<Sample> s = read(MetricKind.RATE, Map.of("bad", 3, "total", 10000, "baselineBad", 2, "baselineTotal", 9000));
        assertEquals(1, s.size());
        assertEquals(TO, s.get(0).at());
        assertEquals(new Measure.Counts(3, 10000), s.get(0).canary());
        assertEquals(new Measure.Counts(2, 9000), s.get(0).baseline());
    }

    @Test
    void successRate_countsGood() {
        List<Sample> s = read(MetricKind.RATE, Map.of("good", 990, "total", 1000));
        assertEquals(new Measure.Counts(990, 1000), s.get(0).canary());
        assertNull(s.get(0).baseline());
    }

    @Test
    void gauge_value() {
        assertEquals(new Measure.Value(850), read(MetricKind.GAUGE, Map.of("value", 850, "baseline", 800)).get(0).canary());
    }

    @Test
    void count_valueIsPerMinute_overTheWindow() {
        assertEquals(new Measure.Events(240, 60), read(MetricKind.COUNT, Map.of("value", 4)).get(0).canary());
    }

    @Test
    void check_passOrFail() {
        assertEquals(new Measure.Check(true, TO), read(MetricKind.CHECK, Map.of("value", "pass")).get(0).canary());
        assertEquals(new Measure.Check(false, TO), read(MetricKind.CHECK, Map.of("value", false)).get(0).canary());
    }

    @Test
    void noQuery_isNoData_neverZero() {
        assertTrue(read(MetricKind.RATE, Map.of()).isEmpty());
    }

    @Test
    void badValues_areUnavailable_namingTheField() {
        MetricSource.Unavailable e = assertThrows(MetricSource.Unavailable.class,
                () -> read(MetricKind.GAUGE, Map.of("value", "fast")));
        assertTrue(e.getMessage().contains("query.value must be a number, not 'fast'"), e.getMessage());
        assertThrows(MetricSource.Unavailable.class, () -> read(MetricKind.RATE, Map.of("bad", 5, "total", 3)));
    }
}

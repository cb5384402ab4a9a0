package dev.ringmaster.adapters.prometheus;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A prometheus metric's PromQL by query key, and the {@code $version} / {@code $step} placeholders in it. */
final class PromQueries {
    static final String VERSION = "$version";
    static final String STEP = "$step";

    private PromQueries() {
    }

    /** rate: bad or good, and total; gauge and count: value. Anything missing is named. */
    static Map<String, String> of(MetricDef metric) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (metric.kind()) {
            case RATE -> {
                boolean bad = metric.query().containsKey("bad");
                boolean good = metric.query().containsKey("good");
                if (bad == good) {
                    throw new MetricSource.Unavailable("prometheus metric " + metric.name() + " (rate) needs exactly one of query.bad "
                            + "and query.good, with query.total");
                }
                out.put(bad ? "bad" : "good", promql(metric, bad ? "bad" : "good"));
                out.put("total", promql(metric, "total"));
            }
            case GAUGE, COUNT -> out.put("value", promql(metric, "value"));
            case CHECK -> throw new MetricSource.Unavailable("prometheus metric " + metric.name()
                    + " is a check: checks are reported with `ringmaster report`, not read from prometheus");
        }
        return out;
    }

    private static String promql(MetricDef metric, String key) {
        Object q = metric.query().get(key);
        if (!(q instanceof String s) || s.isBlank()) {
            throw new MetricSource.Unavailable("prometheus metric " + metric.name() + " needs query." + key + ", a PromQL expression");
        }
        return s;
    }

    /** {@code $version} as the text of a PromQL string (quotes and backslashes escaped), {@code $step} as a duration. */
    static String substitute(String query, String version, Duration step) {
        String out = query.replace(STEP, duration(step));
        return version == null ? out : out.replace(VERSION, version.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    /** A Prometheus duration: 5m, 1h, 90s, 1500ms. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}

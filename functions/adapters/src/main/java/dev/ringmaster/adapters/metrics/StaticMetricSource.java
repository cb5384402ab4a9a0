package dev.ringmaster.adapters.metrics;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Source {@code static} (CONTRACTS.md §1.3): the plan gives the values. Each read answers one sample at the
 * end of the read window: rate {@code {bad|good, total, baselineBad|baselineGood?, baselineTotal?}}, gauge
 * {@code {value, baseline?}}, count {@code {value (per minute), baseline?}}, check {@code {value: pass|fail}}.
 * A static metric without a query has no data (missing, never zero). For plans under test, demos and
 * metrics someone keeps by hand.
 */
public final class StaticMetricSource implements MetricSource {
    public static final String KEY = "static";

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        Map<String, Object> q = metric.query();
        if (q.isEmpty()) {
            return List.of();
        }
        Sample sample = switch (metric.kind()) {
            case RATE -> {
                String counted = metric.successRate() ? "good" : "bad";
                String baseCounted = "baseline" + Character.toUpperCase(counted.charAt(0)) + counted.substring(1);
                Measure base = q.containsKey(baseCounted) && q.containsKey("baselineTotal")
                        ? counts(metric, q, baseCounted, "baselineTotal") : null;
                yield new Sample(to, counts(metric, q, counted, "total"), base);
            }
            case GAUGE -> new Sample(to, new Measure.Value(number(metric, q, "value")),
                    q.containsKey("baseline") ? new Measure.Value(number(metric, q, "baseline")) : null);
            case COUNT -> {
                double minutes = from == null || !from.isBefore(to) ? 1 : Math.max(1, Duration.between(from, to).toSeconds() / 60.0);
                yield new Sample(to, new Measure.Events(number(metric, q, "value") * minutes, minutes),
                        q.containsKey("baseline") ? new Measure.Events(number(metric, q, "baseline") * minutes, minutes) : null);
            }
            case CHECK -> new Sample(to, new Measure.Check(check(metric, q.get("value")), to), null);
        };
        return List.of(sample);
    }

    private static Measure counts(MetricDef m, Map<String, Object> q, String bad, String total) {
        double b = number(m, q, bad);
        double t = number(m, q, total);
        if (b < 0 || t < 0 || b > t || b != Math.rint(b) || t != Math.rint(t)) {
            throw new Unavailable("static metric " + m.name() + ": " + bad + " " + Double.toString(b) + " and " + total + " "
                    + Double.toString(t) + " must be whole counts with " + bad + " ≤ " + total);
        }
        return new Measure.Counts((long) b, (long) t);
    }

    private static double number(MetricDef m, Map<String, Object> q, String key) {
        Object v = q.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new Unavailable("static metric " + m.name() + ": query." + key + " must be a number, not " + (v == null ? "missing" : "'" + v + "'"));
    }

    private static boolean check(MetricDef m, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "pass", "true" -> true;
            case "fail", "false" -> false;
            default -> throw new Unavailable("static metric " + m.name() + ": query.value must be pass or fail, not '" + v + "'");
        };
    }
}

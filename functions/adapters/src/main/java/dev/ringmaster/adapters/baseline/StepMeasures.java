package dev.ringmaster.adapters.baseline;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One side's measure per step from the numbers a query source answered per query key ({@code bad | good, total} or
 * {@code value}). A step some key has no number for is no data; so is a rate's step with a total of 0 (no trials:
 * no rate, never a rate of 0). Counts are rounded to whole numbers (Prometheus's increase() answers floats).
 */
public final class StepMeasures {
    private StepMeasures() {
    }

    /**
     * @param perMinute true when a count's value is events per minute (prometheus), false when it is the events of
     *                  the step (CloudWatch's Sum)
     * @param describe  a query key as an error message names it ({@code query.bad 'sum(…)'})
     */
    public static SortedMap<Instant, Measure> of(MetricDef metric, Map<String, SortedMap<Instant, Double>> values, Duration step,
                                                 boolean perMinute, Function<String, String> describe) {
        SortedMap<Instant, Measure> out = new TreeMap<>();
        double minutes = step.toMillis() / 60_000.0;
        switch (metric.kind()) {
            case RATE -> {
                String counted = metric.successRate() ? "good" : "bad";
                values.get(counted).forEach((t, c) -> {
                    Double total = values.get("total").get(t);
                    long n = total == null ? 0 : Math.round(total);
                    long k = Math.round(c);
                    if (total != null && (k < 0 || n < 0 || k > n)) {
                        throw new MetricSource.Unavailable(metric.source() + " metric " + metric.name() + " at " + t + ": " + describe.apply(counted)
                                + " gave " + k + " and " + describe.apply("total") + " gave " + n + "; they must be counts with " + counted
                                + " ≤ total (is one of them not a count of the other?)");
                    }
                    if (n > 0) {
                        out.put(t, new Measure.Counts(k, n));
                    }
                });
            }
            case GAUGE -> values.get("value").forEach((t, v) -> out.put(t, new Measure.Value(v)));
            case COUNT -> values.get("value").forEach((t, v) -> {
                if (v < 0) {
                    throw new MetricSource.Unavailable(metric.source() + " metric " + metric.name() + " at " + t + ": " + describe.apply("value")
                            + " gave " + v + (perMinute ? " events per minute" : " events") + "; a count cannot be negative");
                }
                out.put(t, new Measure.Events(perMinute ? v * minutes : v, minutes));
            });
            case CHECK -> throw new MetricSource.Unavailable(metric.source() + " metric " + metric.name()
                    + " is a check: checks are reported with `ringmaster report`, not read from " + metric.source());
        }
        return out;
    }
}

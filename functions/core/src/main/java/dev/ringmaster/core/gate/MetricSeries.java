package dev.ringmaster.core.gate;

import java.util.List;

/**
 * Every sample of one metric since the rollout entered its current phase, oldest first.
 *
 * @param aggregate true when the series is a single pre-aggregated snapshot (the CI {@code gate} command):
 *                  a gauge value there is already an aggregate of many requests and may be compared directly
 */
public record MetricSeries(String metric, List<Sample> samples, boolean aggregate) {
    public MetricSeries {
        samples = List.copyOf(samples);
    }

    public static MetricSeries empty(String metric) {
        return new MetricSeries(metric, List.of(), false);
    }
}

package dev.ringmaster.adapters.cloudwatch;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * A cloudwatch metric's query (CONTRACTS.md §1.3): rate {@code {namespace, bad | good, total, dimensions?}} (metric
 * names, Sum), gauge {@code {namespace, metric, stat, dimensions?}}, count {@code {namespace, metric, dimensions?}}
 * (Sum). {@code $version} in a dimension value is the side's version.
 *
 * @param metrics query key ({@code bad}, {@code good}, {@code total}, {@code value}) → CloudWatch metric name
 */
record CloudWatchQuery(String namespace, Map<String, String> metrics, String stat, Map<String, String> dimensions) {
    static final String VERSION = "$version";

    static CloudWatchQuery of(MetricDef metric) {
        Map<String, Object> q = metric.query();
        String namespace = text(metric, "namespace");
        Map<String, String> metrics = new LinkedHashMap<>();
        String stat = "Sum";
        switch (metric.kind()) {
            case RATE -> {
                boolean bad = q.containsKey("bad");
                if (bad == q.containsKey("good")) {
                    throw new MetricSource.Unavailable("cloudwatch metric " + metric.name()
                            + " (rate) needs exactly one of query.bad and query.good, with query.total (metric names)");
                }
                metrics.put(bad ? "bad" : "good", text(metric, bad ? "bad" : "good"));
                metrics.put("total", text(metric, "total"));
            }
            case GAUGE -> {
                metrics.put("value", text(metric, "metric"));
                stat = text(metric, "stat");
            }
            case COUNT -> metrics.put("value", text(metric, "metric"));
            case CHECK -> throw new MetricSource.Unavailable("cloudwatch metric " + metric.name()
                    + " is a check: checks are reported with `ringmaster report`, not read from cloudwatch");
        }
        return new CloudWatchQuery(namespace, metrics, stat, dimensions(metric));
    }

    boolean versioned() {
        return dimensions.values().stream().anyMatch(v -> v.contains(VERSION));
    }

    /** One MetricDataQuery per key, ids {@code side_key} ({@code c_bad}, {@code b_total}). */
    List<MetricDataQuery> queries(String side, String version, Duration period) {
        List<Dimension> dims = new ArrayList<>();
        dimensions.forEach((name, value) -> dims.add(Dimension.builder().name(name)
                .value(version == null ? value : value.replace(VERSION, version)).build()));
        List<MetricDataQuery> out = new ArrayList<>();
        metrics.forEach((key, name) -> out.add(MetricDataQuery.builder()
                .id(side + "_" + key)
                .metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace(namespace).metricName(name).dimensions(dims).build())
                        .period((int) period.toSeconds())
                        .stat(stat)
                        .build())
                .returnData(true)
                .build()));
        return out;
    }

    /** A key as an error message names it: {@code query.bad ConnectFailures (VPN, Sum)}. */
    String describe(String key) {
        return "query." + key + " " + metrics.get(key) + " (" + namespace + ", " + stat + (dimensions.isEmpty() ? "" : ", " + dimensions) + ")";
    }

    private static String text(MetricDef metric, String key) {
        Object v = metric.query().get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new MetricSource.Unavailable("cloudwatch metric " + metric.name() + " needs query." + key
                    + (key.equals("namespace") ? "" : key.equals("stat") ? " (Average, Maximum, p99, …)" : ", a CloudWatch metric name"));
        }
        return s;
    }

    private static Map<String, String> dimensions(MetricDef metric) {
        Object v = metric.query().get("dimensions");
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new MetricSource.Unavailable("cloudwatch metric " + metric.name() + ": query.dimensions must be a map of name to value, "
                    + "e.g. {AppVersion: $version, Service: vpn}");
        }
        m.forEach((name, value) -> out.put(String.valueOf(name), String.valueOf(value)));
        return out;
    }
}

package dev.ringmaster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.MetricDef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code gate --metrics} file (CONTRACTS.md §3): one aggregated snapshot over a window. Read as a JSON
 * tree, not bound by reflection, so every bad field is named with its value.
 */
record MetricsSnapshot(Duration window, Map<String, MetricSeries> series) {
    private static final Set<String> RATE = Set.of("bad", "good", "total", "baselineBad", "baselineGood", "baselineTotal");
    private static final Set<String> GAUGE = Set.of("value", "baseline", "values", "baselines");
    private static final Set<String> COUNT = Set.of("value", "count", "minutes", "baseline");
    private static final Set<String> CHECK = Set.of("check", "reportedAt");

    static final class BadSnapshot extends Exception {
        BadSnapshot(String message) {
            super(message);
        }
    }

    static MetricsSnapshot read(String json, Map<String, MetricDef> metrics, Instant now) throws BadSnapshot {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadSnapshot("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadSnapshot("must be a JSON object with \"window\" and \"metrics\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("window") && !k.equals("metrics")) {
                throw new BadSnapshot("unknown field \"" + k + "\": a snapshot has \"window\" and \"metrics\"");
            }
        }
        String windowText = root.path("window").asText("");
        Duration window = Durations.parse(windowText).filter(d -> !d.isZero())
                .orElseThrow(() -> new BadSnapshot("window: bad duration '" + windowText + "': use e.g. 24h"));
        JsonNode ms = root.path("metrics");
        if (!ms.isObject()) {
            throw new BadSnapshot("metrics: must be an object of metric name → values");
        }
        Map<String, MetricSeries> series = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            MetricDef def = metrics.get(e.getKey());
            if (def == null) {
                throw new BadSnapshot("metrics." + e.getKey() + ": not a metric of this plan; it has " + metrics.keySet());
            }
            series.put(e.getKey(), new MetricSeries(e.getKey(), samples(def, e.getValue(), "metrics." + e.getKey(), window, now), true));
        }
        return new MetricsSnapshot(window, series);
    }

    private static List<Sample> samples(MetricDef def, JsonNode n, String path, Duration window, Instant now) throws BadSnapshot {
        if (!n.isObject()) {
            throw new BadSnapshot(path + ": must be an object, not " + n);
        }
        List<Sample> out = new ArrayList<>();
        switch (def.kind()) {
            case RATE -> {
                known(n, path, RATE);
                String counted = def.successRate() ? "good" : "bad";
                Measure canary = counts(n, path, counted, "total");
                Measure baseline = n.has("baseline" + cap(counted)) || n.has("baselineTotal")
                        ? counts(n, path, "baseline" + cap(counted), "baselineTotal") : null;
                out.add(new Sample(now, canary, baseline));
            }
            case GAUGE -> {
                known(n, path, GAUGE);
                if (n.has("values")) {
                    List<Double> vs = numbers(n, path, "values");
                    List<Double> bs = n.has("baselines") ? numbers(n, path, "baselines") : List.of();
                    if (!bs.isEmpty() && bs.size() != vs.size()) {
                        throw new BadSnapshot(path + ".baselines: has " + bs.size() + " values, and values has " + vs.size());
                    }
                    for (int i = 0; i < vs.size(); i++) {
                        out.add(new Sample(now, new Measure.Value(vs.get(i)), bs.isEmpty() ? null : new Measure.Value(bs.get(i))));
                    }
                } else {
                    out.add(new Sample(now, new Measure.Value(number(n, path, "value")),
                            n.has("baseline") ? new Measure.Value(number(n, path, "baseline")) : null));
                }
            }
            case COUNT -> {
                known(n, path, COUNT);
                double minutes = n.has("minutes") ? positive(n, path, "minutes") : window.toMinutes();
                double events = n.has("count") ? nonNegative(n, path, "count") : nonNegative(n, path, "value") * minutes;
                Measure baseline = n.has("baseline") ? new Measure.Events(nonNegative(n, path, "baseline") * minutes, minutes) : null;
                out.add(new Sample(now, new Measure.Events(events, minutes), baseline));
            }
            case CHECK -> {
                known(n, path, CHECK);
                String v = n.path("check").asText("");
                if (!v.equals("pass") && !v.equals("fail")) {
                    throw new BadSnapshot(path + ".check: '" + v + "' must be \"pass\" or \"fail\"");
                }
                Instant at = now;
                if (n.has("reportedAt")) {
                    try {
                        at = Instant.parse(n.get("reportedAt").asText());
                    } catch (java.time.format.DateTimeParseException ex) {
                        throw new BadSnapshot(path + ".reportedAt: '" + n.get("reportedAt").asText() + "' is not an ISO-8601 instant");
                    }
                }
                out.add(new Sample(now, new Measure.Check(v.equals("pass"), at), null));
            }
        }
        return out;
    }

    private static Measure counts(JsonNode n, String path, String badKey, String totalKey) throws BadSnapshot {
        double bad = nonNegative(n, path, badKey);
        double total = nonNegative(n, path, totalKey);
        if (bad != Math.rint(bad) || total != Math.rint(total)) {
            throw new BadSnapshot(path + ": " + badKey + " and " + totalKey + " are counts: whole numbers, got " + bad + " and " + total);
        }
        if (bad > total) {
            throw new BadSnapshot(path + ": " + badKey + " " + (long) bad + " is more than " + totalKey + " " + (long) total);
        }
        return new Measure.Counts((long) bad, (long) total);
    }

    private static void known(JsonNode n, String path, Set<String> keys) throws BadSnapshot {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new BadSnapshot(path + "." + k + ": unknown field; this metric takes " + keys.stream().sorted().toList());
            }
        }
    }

    private static double number(JsonNode n, String path, String key) throws BadSnapshot {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw new BadSnapshot(path + "." + key + ": " + (v == null ? "is missing" : "'" + v + "' is not a number"));
        }
        return v.asDouble();
    }

    private static double nonNegative(JsonNode n, String path, String key) throws BadSnapshot {
        double v = number(n, path, key);
        if (v < 0) {
            throw new BadSnapshot(path + "." + key + ": " + v + " must not be negative");
        }
        return v;
    }

    private static double positive(JsonNode n, String path, String key) throws BadSnapshot {
        double v = number(n, path, key);
        if (v <= 0) {
            throw new BadSnapshot(path + "." + key + ": " + v + " must be above 0");
        }
        return v;
    }

    private static List<Double> numbers(JsonNode n, String path, String key) throws BadSnapshot {
        JsonNode v = n.get(key);
        if (!v.isArray() || v.isEmpty()) {
            throw new BadSnapshot(path + "." + key + ": must be a non-empty list of numbers");
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isNumber()) {
                throw new BadSnapshot(path + "." + key + ": '" + x + "' is not a number");
            }
            out.add(x.asDouble());
        }
        return out;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

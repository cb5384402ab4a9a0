package dev.ringmaster.adapters.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.baseline.StepGrid;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prometheus's query API (REFERENCE-signals §3): {@code /api/v1/query_range} and {@code /api/v1/query}, POSTed as a
 * form so long PromQL fits. Answers one series as step → value; a step whose value is NaN or ±Inf is left out (no
 * data), as is every step of an empty result. Anything Prometheus refuses is {@link MetricSource.Unavailable} with
 * its own errorType and error.
 */
final class PrometheusApi {
    /** Prometheus refuses a range query of more points per series than this (400 bad_data). */
    static final int MAX_POINTS = 11_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Map<String, String> headers;
    private final Http http;

    PrometheusApi(URI baseUrl, Map<String, String> headers, Http http) {
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.headers = Map.copyOf(headers);
        this.http = http;
        // Fail at construction, naming the header, not at the first tick: Java's client refuses some names (Host).
        headers.keySet().forEach(name -> {
            try {
                HttpRequest.newBuilder(URI.create(this.base + "/")).header(name, "x");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prometheus header '" + name + "' cannot be sent: " + e.getMessage());
            }
        });
    }

    /** The series at each step of {@code grid}, in requests of at most {@value #MAX_POINTS} points. */
    SortedMap<Instant, Double> range(String query, StepGrid grid, String what) {
        SortedMap<Instant, Double> out = new TreeMap<>();
        Duration chunk = grid.step().multipliedBy(MAX_POINTS - 1L);
        for (Instant start = grid.first(); !start.isAfter(grid.last()); ) {
            Instant end = start.plus(chunk).isBefore(grid.last()) ? start.plus(chunk) : grid.last();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("query", query);
            form.put("start", seconds(start));
            form.put("end", seconds(end));
            form.put("step", seconds(grid.step()));
            out.putAll(series(call("/api/v1/query_range", form, what), what));
            start = end.plus(grid.step());
        }
        return out;
    }

    /** The value at {@code at}: at most one entry. */
    SortedMap<Instant, Double> instant(String query, Instant at, String what) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        form.put("time", seconds(at));
        return series(call("/api/v1/query", form, what), what);
    }

    private JsonNode call(String path, Map<String, String> form, String what) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build());
        } catch (RolloutTarget.Unavailable e) {
            throw new MetricSource.Unavailable(what + ": " + e.getMessage());
        }
        JsonNode json = parse(response);
        if (json == null || !json.isObject() || !json.has("status")) {
            throw new MetricSource.Unavailable(what + ": HTTP " + response.statusCode() + " from " + path
                    + " (not a Prometheus API answer; is the url right?): " + Http.snippet(response));
        }
        if (!"success".equals(json.path("status").asText()) || response.statusCode() / 100 != 2) {
            throw new MetricSource.Unavailable(what + ": Prometheus answered HTTP " + response.statusCode() + " "
                    + json.path("errorType").asText("error") + ": " + json.path("error").asText("(no error text)"));
        }
        return json.path("data");
    }

    private static JsonNode parse(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException notJson) {
            return null;
        }
    }

    /** One series, as the query is meant to be aggregated to; warnings are ignored (a partial answer is still data). */
    private static SortedMap<Instant, Double> series(JsonNode data, String what) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        SortedMap<Instant, Double> out = new TreeMap<>();
        switch (type) {
            case "scalar" -> put(out, result);
            case "vector", "matrix" -> {
                if (result.size() > 1) {
                    throw new MetricSource.Unavailable(what + " returned " + result.size() + " series ("
                            + result.get(0).path("metric") + ", " + result.get(1).path("metric") + (result.size() > 2 ? ", …" : "")
                            + "): the query must aggregate to one series, e.g. sum(...) or sum by () (...)");
                }
                for (JsonNode s : result) {
                    if (type.equals("vector")) {
                        put(out, s.path("value"));
                    } else {
                        s.path("values").forEach(point -> put(out, point));
                    }
                }
            }
            default -> throw new MetricSource.Unavailable(what + " returned a " + (type.isEmpty() ? "malformed" : type)
                    + " result, not a number per step");
        }
        return out;
    }

    /** [ts, "value"]; NaN and ±Inf are no data at that step, never zero. */
    private static void put(SortedMap<Instant, Double> out, JsonNode point) {
        if (!point.isArray() || point.size() != 2) {
            return;
        }
        String text = point.get(1).asText();
        if (text.equals("NaN") || text.endsWith("Inf")) {
            return;
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return;
        }
        if (Double.isFinite(v)) {
            long ms = point.get(0).decimalValue().movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
            out.put(Instant.ofEpochMilli(ms), v);
        }
    }

    /** Unix seconds with milliseconds, as Prometheus takes times and steps. */
    static String seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}

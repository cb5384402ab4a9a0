package dev.ringmaster.testkit.standin;


import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The Prometheus HTTP API's query endpoints on a loopback port, answering each PromQL text the test serves with values
 * computed per evaluation time, in Prometheus's shapes (REFERENCE-signals §3): a matrix for {@code query_range}
 * (steps from {@code start} to {@code end}), a vector for {@code query}, {@code result: []} for a query nobody serves
 * (no data, as Prometheus answers a series that does not exist), values as strings, and 503 with the error body while
 * it is down. For rehearsals in virtual time, where a real Prometheus would need the data in its past.
 */
public final class PrometheusStandIn implements AutoCloseable {
    private final WireMockServer server;
    private final Map<String, Function<Instant, OptionalDouble>> series = new HashMap<>();
    private final List<String> queries = new ArrayList<>();
    private boolean down;

    private PrometheusStandIn() {
        this.server = StandInServer.create("prometheus-stand-in", this::handle);
    }

    public static PrometheusStandIn start() {
        PrometheusStandIn standIn = new PrometheusStandIn();
        StandInServer.start(standIn.server);
        return standIn;
    }

    /** Replaces the plan's {@code spec.sources.prometheus.url} (RINGMASTER_PROMETHEUS_URL). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** {@code query} (exactly as sent, after {@code $version} and {@code $step}) evaluates at each time to {@code value}. */
    public synchronized void serve(String query, Function<Instant, OptionalDouble> value) {
        series.put(query, value);
    }

    /** Every query asked, in order. */
    public synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    /** While down every query answers 503, as Prometheus does when a query times out. */
    public synchronized void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition handle(Request request) {
        String path = request.getUrl().split("\\?", 2)[0];
        Map<String, String> p = params(request);
        if (down) {
            return answer(503, Map.of("status", "error", "errorType", "timeout", "error", "query timed out in expression evaluation"));
        }
        String query = p.get("query");
        if (query == null) {
            return answer(400, Map.of("status", "error", "errorType", "bad_data", "error", "invalid parameter \"query\": missing"));
        }
        queries.add(query);
        Function<Instant, OptionalDouble> f = series.getOrDefault(query, t -> OptionalDouble.empty());
        Map<String, Object> data = new LinkedHashMap<>();
        List<Object> result = new ArrayList<>();
        if (path.endsWith("/api/v1/query_range")) {
            double start = Double.parseDouble(p.get("start"));
            double end = Double.parseDouble(p.get("end"));
            double step = step(p.get("step"));
            List<Object> values = new ArrayList<>();
            for (double t = start; t <= end; t += step) {
                OptionalDouble v = f.apply(Instant.ofEpochMilli(Math.round(t * 1000)));
                if (v.isPresent()) {
                    values.add(List.of(t, format(v.getAsDouble())));
                }
            }
            if (!values.isEmpty()) {
                result.add(Map.of("metric", Map.of(), "values", values));
            }
            data.put("resultType", "matrix");
        } else if (path.endsWith("/api/v1/query")) {
            double t = p.containsKey("time") ? Double.parseDouble(p.get("time")) : System.currentTimeMillis() / 1000.0;
            OptionalDouble v = f.apply(Instant.ofEpochMilli(Math.round(t * 1000)));
            if (v.isPresent()) {
                result.add(Map.of("metric", Map.of(), "value", List.of(t, format(v.getAsDouble()))));
            }
            data.put("resultType", "vector");
        } else {
            return answer(404, Map.of("status", "error", "errorType", "not_found", "error", "no endpoint " + path));
        }
        data.put("result", result);
        return answer(200, Map.of("status", "success", "data", data));
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : Double.toString(v);
    }

    /** A step as seconds ("300", "300.5") or a Prometheus duration ("5m", "1h"). */
    private static double step(String s) {
        char unit = s.charAt(s.length() - 1);
        if (Character.isDigit(unit)) {
            return Double.parseDouble(s);
        }
        double n = Double.parseDouble(s.substring(0, s.length() - 1));
        return switch (unit) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3600;
            case 'd' -> n * 86400;
            default -> throw new IllegalArgumentException("step " + s);
        };
    }

    private static Map<String, String> params(Request request) {
        Map<String, String> out = new HashMap<>();
        String[] url = request.getUrl().split("\\?", 2);
        String form = request.getBodyAsString();
        for (String part : ((url.length > 1 ? url[1] : "") + "&" + (form == null ? "" : form)).split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static ResponseDefinition answer(int status, Map<String, Object> body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(Json.write(body)).build();
    }
}

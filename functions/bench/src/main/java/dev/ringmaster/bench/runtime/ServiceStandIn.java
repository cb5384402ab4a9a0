package dev.ringmaster.bench.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a launched function calls besides DynamoDB, on loopback: EventBridge PutEvents and Scheduler answer as the
 * services do, and Prometheus answers the bench-runtime plan's {@code bench_*} queries with a healthy build's
 * numbers (the same for canary and baseline), one point per step.
 */
public final class ServiceStandIn implements AutoCloseable {
    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits out the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final AtomicLong putEvents = new AtomicLong();

    private ServiceStandIn(HttpServer server) {
        this.server = server;
    }

    public static ServiceStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ServiceStandIn s = new ServiceStandIn(server);
            server.createContext("/", s::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "service-stand-in");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Events the functions put on the bus. */
    public long putEvents() {
        return putEvents.get();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/api/v1/query")) {
                send(x, 200, prometheus(path.endsWith("query_range"), form(body)));
            } else if (path.startsWith("/schedules/")) {
                send(x, 200, "{\"ScheduleArn\":\"arn:aws:scheduler:us-east-1:123456789012:schedule/ringmaster/bench\"}");
            } else {
                putEvents.incrementAndGet();
                send(x, 200, "{\"Entries\":[{\"EventId\":\"6f4b3c2a-0000-4000-8000-000000000001\"}],\"FailedEntryCount\":0}");
            }
        }
    }

    private static String prometheus(boolean range, Map<String, String> form) {
        String value = value(form.getOrDefault("query", ""));
        if (!range) {
            return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":["
                    + form.getOrDefault("time", "0") + ",\"" + value + "\"]}]}}";
        }
        double start = Double.parseDouble(form.get("start"));
        double end = Double.parseDouble(form.get("end"));
        double step = Double.parseDouble(form.get("step").replaceAll("[^0-9.]", ""));
        StringBuilder points = new StringBuilder();
        for (double t = start; t <= end; t += step) {
            points.append(points.isEmpty() ? "" : ",").append('[').append((long) t).append(",\"").append(value).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[" + points + "]}]}}";
    }

    /** A healthy build: 0.2 % bad of 2,000 per step, gauges at their usual level, no incidents. */
    static String value(String query) {
        if (query.contains("bench_bad")) {
            return "4";
        } else if (query.contains("bench_total")) {
            return "2000";
        } else if (query.contains("bench_gauge")) {
            return query.contains("p50") ? "120" : query.contains("p95") ? "300" : query.contains("p99") ? "450" : "180";
        }
        return "0";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

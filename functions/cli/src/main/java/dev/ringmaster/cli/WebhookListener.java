package dev.ringmaster.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ringmaster.adapters.ingest.WebhookIngress;
import dev.ringmaster.adapters.ingest.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * {@code ringmaster run --listen}: the ingest-webhook function's handler on a laptop, at {@code POST /webhooks/{kind}},
 * so a real Alertmanager or a pipeline can be pointed at the local runner. The body is read only up to the ingress's
 * limit plus one byte: a larger one is refused without being read whole.
 */
final class WebhookListener implements AutoCloseable {
    private final HttpServer server;

    private WebhookListener(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code host:port} (port 0: any free one). */
    static WebhookListener start(String host, int port, WebhookIngress ingress, int maxBody, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                WebhookResponse answer = answer(exchange, ingress, maxBody);
                log.accept("webhook " + exchange.getRequestURI().getPath() + " → " + answer.status() + " " + answer.message());
                byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return new WebhookListener(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static WebhookResponse answer(HttpExchange exchange, WebhookIngress ingress, int maxBody) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(maxBody + 1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Map<String, String> query;
        try {
            query = query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return new WebhookResponse(400, "malformed query string: " + e.getMessage(), List.of());
        }
        return ingress.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, query);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

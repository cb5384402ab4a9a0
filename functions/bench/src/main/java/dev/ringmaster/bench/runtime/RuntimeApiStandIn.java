package dev.ringmaster.bench.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda runtime API (2018-06-01) on loopback, as a function's runtime loop sees it: {@code next} hands out the
 * given events one at a time with Lambda's headers and then blocks, as Lambda does while no event comes; the
 * function's {@code response}, {@code error} and {@code init/error} posts are recorded with the time they came.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits out the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String BASE = "/2018-06-01/runtime";
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final Deque<String> events;
    private final String functionArn;
    private final Runnable onNext;
    private final List<Invocation> answered = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private String initError;
    private long servedAt;
    private String servedId;

    /**
     * One event and what the function answered.
     *
     * @param servedNanos   System.nanoTime() when {@code next} returned the event
     * @param answeredNanos System.nanoTime() when the response or error arrived
     */
    public record Invocation(String requestId, long servedNanos, long answeredNanos, boolean error, String body) {
        public double handlerMillis() {
            return (answeredNanos - servedNanos) / 1e6;
        }
    }

    private RuntimeApiStandIn(HttpServer server, List<String> events, String functionArn, Runnable onNext) {
        this.server = server;
        this.events = new ArrayDeque<>(events);
        this.functionArn = functionArn;
        this.onNext = onNext;
    }

    /** @param onNext run each time the function asks for an event (before it is handed one): a log-size snapshot */
    public static RuntimeApiStandIn start(List<String> events, String functionArn, Runnable onNext) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            RuntimeApiStandIn api = new RuntimeApiStandIn(server, events, functionArn, onNext);
            server.createContext(BASE, api::handle);
            server.setExecutor(api.threads);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        try (x) {
            if (method.equals("GET") && path.equals(BASE + "/invocation/next")) {
                next(x);
            } else if (method.equals("POST") && path.equals(BASE + "/init/error")) {
                synchronized (this) {
                    initError = body(x);
                    notifyAll();
                }
                send(x, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith(BASE + "/invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                long at = System.nanoTime();
                String id = path.substring((BASE + "/invocation/").length(), path.lastIndexOf('/'));
                String body = body(x);
                synchronized (this) {
                    if (!id.equals(servedId)) {
                        send(x, 400, "{\"errorMessage\":\"unknown request id " + id + "\",\"errorType\":\"InvalidRequestID\"}");
                        return;
                    }
                    answered.add(new Invocation(id, servedAt, at, path.endsWith("/error"), body));
                    servedId = null;
                    notifyAll();
                }
                send(x, 202, "{\"status\":\"OK\"}");
            } else {
                send(x, 404, "{\"errorMessage\":\"no such runtime API path: " + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange x) throws IOException {
        onNext.run();
        String event;
        String id = UUID.randomUUID().toString();
        synchronized (this) {
            event = events.poll();
            if (event != null) {
                servedId = id;
            }
        }
        if (event == null) {
            // Lambda holds next open until an event comes; here none will, until the benchmark stops the function.
            try {
                closed.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(x, 410, "{\"errorMessage\":\"the stand-in stopped\"}");
            return;
        }
        x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", id);
        x.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + Duration.ofSeconds(60).toMillis()));
        x.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        x.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + id.replace("-", "").substring(0, 24) + ";Parent=" + id.replace("-", "").substring(8, 24) + ";Sampled=0");
        x.getResponseHeaders().add("Content-Type", "application/json");
        synchronized (this) {
            servedAt = System.nanoTime();
        }
        send(x, 200, event);
    }

    /** Waits until {@code count} events were answered, or the function reported an init error, or the time is up. */
    public synchronized List<Invocation> await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (answered.size() < count && initError == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(answered);
    }

    public synchronized Optional<String> initError() {
        return Optional.ofNullable(initError);
    }

    private static String body(HttpExchange x) throws IOException {
        return new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

package dev.ringmaster.adapters.prometheus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's {@code prometheus} package, which brings {@code promtool}) on a free loopback port,
 * serving exactly the series of an OpenMetrics text: {@code promtool tsdb create-blocks-from openmetrics} writes them
 * as blocks, and Prometheus starts on those blocks with no scrape targets, so nothing else ever lands in it.
 *
 * <p>Copy-friendly on purpose (the CLI tests reuse the idea): {@code try (LocalPrometheus p = LocalPrometheus.start(text))
 * { … p.baseUrl() … }}. The text's timestamps are Unix seconds and it ends with {@code # EOF}; query at the data's
 * own times, not now. Retention is 100 years, because Prometheus drops blocks older than its retention at start.
 * Where the package is not installed the calling test is skipped (a JUnit assumption), never failed.
 */
public final class LocalPrometheus implements AutoCloseable {
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Duration READY = Duration.ofSeconds(30);

    private final Path dir;
    private final Process process;
    private final int port;

    private LocalPrometheus(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Backfills {@code openMetrics} and starts Prometheus on it; returns once {@code /-/ready} answers 200. */
    public static LocalPrometheus start(String openMetrics) throws IOException, InterruptedException {
        assumeInstalled();
        Path dir = Files.createTempDirectory("ringmaster-prometheus");
        try {
            Path data = dir.resolve("data");
            Files.writeString(dir.resolve("series.om"), openMetrics);
            run(dir, "promtool.log", PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                    dir.resolve("series.om").toString(), data.toString());
            Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
            int port = freePort();
            Process process = new ProcessBuilder(PROMETHEUS.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + data,
                    "--storage.tsdb.retention.time=100y",
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            LocalPrometheus prometheus = new LocalPrometheus(dir, process, port);
            prometheus.awaitReady();
            return prometheus;
        } catch (IOException | InterruptedException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    public static boolean installed() {
        return Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL);
    }

    /**
     * Skips the calling test where the package is missing. Call it from {@code @BeforeEach} as well when the server is
     * started in {@code @BeforeAll}: Surefire counts a class skipped in {@code @BeforeAll} as no tests at all.
     */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(installed(),
                "no " + PROMETHEUS + " or " + PROMTOOL + ": install the Debian package prometheus to run the real-Prometheus tests");
    }

    /** {@code http://127.0.0.1:PORT}, as a plan's {@code spec.sources.prometheus.url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(dir);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(READY);
        while (true) {
            try {
                HttpRequest ready = HttpRequest.newBuilder(baseUrl().resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still loading its blocks
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String log = tail(dir.resolve("prometheus.log"));
                close();
                throw new IllegalStateException("prometheus did not become ready on " + baseUrl() + ": " + log);
            }
            Thread.sleep(100);
        }
    }

    private static void run(Path dir, String log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + tail(dir.resolve(log)));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}

package dev.ringmaster.cli;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port, routing every alert at once
 * to one webhook receiver with a bearer token, as a team would point it at ringmaster. Where the package is not
 * installed the calling test is skipped, naming it.
 */
final class LocalAlertmanager implements AutoCloseable {
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Duration READY = Duration.ofSeconds(30);

    private final Path dir;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private LocalAlertmanager(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(ALERTMANAGER),
                "no " + ALERTMANAGER + ": install the Debian package prometheus-alertmanager (bash .ci/setup) to run the real-Alertmanager tests");
    }

    /** Starts Alertmanager posting every alert group to {@code webhookUrl} with {@code Authorization: Bearer token}. */
    static LocalAlertmanager start(String webhookUrl, String token) throws IOException, InterruptedException {
        assumeInstalled();
        Path dir = Files.createTempDirectory("ringmaster-alertmanager");
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: ringmaster
                  group_by: [alertname, rollout]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: ringmaster
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        http_config:
                          authorization: {type: Bearer, credentials: %s}
                """.formatted(webhookUrl, token));
        int port = freePort();
        Process process = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        LocalAlertmanager am = new LocalAlertmanager(dir, process, port);
        am.awaitReady();
        return am;
    }

    /** Posts alerts as Prometheus does ({@code POST /api/v2/alerts}); {@code alertsJson} is the JSON array. */
    void post(String alertsJson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("alertmanager refused the alerts: " + r.statusCode() + " " + r.body());
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY);
        while (true) {
            try {
                HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String log = log();
                close();
                throw new IllegalStateException("alertmanager did not become ready on port " + port + ": " + log);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}

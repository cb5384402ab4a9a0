package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --listen}: the runner serves the webhook handler, with each kind's secret from its setting. */
@QuarkusMainTest
class RunListenTest {
    private static final String TOKEN = "listen-token-91";

    @BeforeAll
    static void secret() {
        System.setProperty("ringmaster.webhook.secret.alertmanager", TOKEN);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("ringmaster.webhook.secret.alertmanager");
    }

    @Test
    void theRunnerAnswersWebhooks_refusingAWrongToken_andSayingWhenNoRolloutMatches(QuarkusMainLauncher launcher, @TempDir Path data)
            throws Exception {
        int listen = freePort();
        String alert = Files.readString(Path.of(RepoPaths.path("events/webhooks/alertmanager-firing.json")));
        List<String> answers = new ArrayList<>();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            answers.add(post(listen, "Bearer wrong", alert));
            answers.add(post(listen, "Bearer " + TOKEN, alert));
        });

        LaunchResult r = launcher.launch("run", "--listen", "127.0.0.1:" + listen, "--port", String.valueOf(freePort()), "--data",
                data.toString(), "--for", "15s");
        sender.get();

        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getOutput().contains("webhooks: POST http://127.0.0.1:" + listen + "/webhooks/{appstore|crashlytics|alertmanager|canary-diff|generic}"),
                r.getOutput());
        assertTrue(answers.get(0).startsWith("401 "), answers.toString());
        assertTrue(answers.get(1).startsWith("202 ") && answers.get(1).contains("android-2-1-0"), answers.toString());
        assertTrue(!String.join(" ", answers).contains(TOKEN), "the token is never echoed");
    }

    @Test
    void aListenAddressThatIsNotHostPort_isBadInput(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("run", "--listen", "9095", "--for", "1s");

        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--listen: '9095' is not HOST:PORT"), r.getErrorOutput());
    }

    /** Posts once the runner listens; "status body". */
    private static String post(int port, String authorization, String body) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/alertmanager"))
                .header("authorization", authorization).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (true) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    return "no answer: " + notYet;
                }
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package dev.ringmaster.functions.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Rollouts seeded straight into the store, sample events from {@code events/}, and what the functions wrote. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A fresh rollout id per test: tests share one DynamoDB Local. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Three phases (10 %, 50 %, 100 %) on a Google Play target, soak 1h, one static crash-rate gate whose
     * counts are given, a Slack notify rule on every event.
     */
    public static String plan(String id, long crashes, long sessions) {
        return """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata:
                  name: %s
                  app: com.example.vpn
                  version: "2.1.0"
                spec:
                  target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
                  metrics:
                    crash_rate: {kind: rate, source: static, query: {bad: %d, total: %d}}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-2, audience: 50%%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-3, audience: 100%%}
                  onGateFail: pause
                  notify:
                    - {channel: slack, url: "ssm:/ringmaster/slack/releases"}
                """.formatted(id, crashes, sessions);
    }

    public static String healthyPlan(String id) {
        return plan(id, 0, 200_000);
    }

    public static RolloutStore store() {
        return new DynamoDbRolloutStore(LocalAws.dynamoDb(), LocalAws.TABLE);
    }

    /** A rollout RUNNING in {@code phase} since {@code inPhase} ago, at version 1. */
    public static void running(String id, String planYaml, int phase, Duration inPhase) {
        Instant entered = Instant.now().minus(inPhase);
        store().create(new StoredRollout(new Rollout(id, RolloutState.RUNNING, phase, entered, entered, 1, -1, false, false, "seeded"),
                planYaml), new HistoryEntry(id, entered, 1, HistoryEntry.Kind.COMMAND, "start", "phase-" + (phase + 1), "test",
                List.of("seeded by the test")));
    }

    public static Rollout rollout(String id) {
        return store().find(id).orElseThrow().rollout();
    }

    public static List<HistoryEntry> history(String id, HistoryEntry.Kind kind) {
        return store().history(id).stream().filter(h -> h.kind() == kind).toList();
    }

    /** The repository's {@code events/NAME} sample, with its rollout id replaced by {@code rolloutId}. */
    public static String event(String name, String rolloutId) {
        return sample(name).replace("android-2-1-0", rolloutId);
    }

    public static String sample(String name) {
        Path root = Path.of(System.getProperty("repository.root", "../.."));
        try {
            return Files.readString(root.resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The details of the PutEvents calls the functions made for {@code rolloutId}, oldest first (WireMock's order). */
    public static List<JsonNode> published(String rolloutId) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : LocalAws.aws().findAll(postRequestedFor(urlEqualTo("/")))) {
            try {
                JsonNode detail = JSON.readTree(JSON.readTree(r.getBodyAsString()).path("Entries").path(0).path("Detail").asText());
                if (rolloutId.equals(detail.path("rolloutId").asText())) {
                    out.add(detail);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** A JSON tree of a response body. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

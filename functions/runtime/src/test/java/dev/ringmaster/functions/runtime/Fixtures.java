package dev.ringmaster.functions.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ringmaster.adapters.aws.RolloutEventJson;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Command;
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

/**
 * Rollouts seeded straight into the store, events recorded as the tick or operate would record them, sample
 * events from {@code events/}, and what the functions wrote. Plans use what this build can reach (a
 * {@code manual} target and {@code static} metrics) unless a test is about what it cannot.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A fresh rollout id per test: tests share one DynamoDB Local. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What the function under test takes for now: the test clock in JVM runs, the wall clock in native ones. */
    public static Instant now() {
        return System.getProperty("native.image.path") != null ? Instant.now() : TestClock.now();
    }

    /**
     * Three phases (10 %, 50 %, 100 %) on {@code target}, soak 1h, one static crash-rate gate whose counts are
     * given, and {@code notify} as the plan's notify block (empty for none).
     */
    public static String plan(String id, String target, long crashes, long sessions, String notify) {
        return """
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata:
                  name: %s
                  app: com.example.vpn
                  version: "2.1.0"
                spec:
                  target: %s
                  metrics:
                    crash_rate: {kind: rate, source: static, query: {bad: %d, total: %d}}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-2, audience: 50%%, soak: 1h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-3, audience: 100%%}
                  onGateFail: pause
                %s""".formatted(id, target, crashes, sessions, notify.isEmpty() ? "" : "  notify:\n    " + notify + "\n");
    }

    public static final String MANUAL = "{type: manual}";
    public static final String GOOGLE_PLAY = "{type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}";
    public static final String SLACK = "- {channel: slack, url: \"ssm:/ringmaster/slack/releases\"}";

    public static String plan(String id, long crashes, long sessions) {
        return plan(id, MANUAL, crashes, sessions, "");
    }

    public static String healthyPlan(String id) {
        return plan(id, 0, 200_000);
    }

    public static RolloutStore store() {
        return new DynamoDbRolloutStore(LocalAws.dynamoDb(), LocalAws.TABLE);
    }

    /** A rollout {@code state} in {@code phase} since {@code inPhase} ago, at version 1, with no effect asked yet. */
    public static void seed(String id, String planYaml, RolloutState state, int phase, Duration inPhase) {
        Instant entered = now().minus(inPhase);
        store().create(new StoredRollout(new Rollout(id, state, phase, entered, entered, 1, -1, false, false, "seeded"), planYaml),
                new HistoryEntry(id, entered, 1, HistoryEntry.Kind.COMMAND, "start", "phase-" + (phase + 1), "test",
                        List.of("seeded by the test")));
    }

    public static void running(String id, String planYaml, int phase, Duration inPhase) {
        seed(id, planYaml, RolloutState.RUNNING, phase, inPhase);
    }

    /**
     * Records an event as the tick or operate does, with its state change: the rollout moves to {@code state} at
     * the next version, and the event's intent is written in the same transaction (and, with an action, becomes
     * the rollout's effect). Returns the event, as its envelope would carry it.
     */
    public static RolloutEvent asked(String id, RolloutState state, Command.Type command, Action action, NotifyEvent event, Instant at) {
        Rollout r = rollout(id);
        Rollout next = new Rollout(id, state, r.phaseIndex(), r.phaseEnteredAt(), r.startedAt(), r.version() + 1, r.approvedPhase(),
                r.fixed(), r.hotfix(), command.key() + " by test");
        RolloutEvent e = new RolloutEvent(id, next.version(), null, command, action, event, "phase-" + (r.phaseIndex() + 1),
                r.phaseIndex(), List.of(command.key() + " by test"), "test", at);
        store().save(next, r.version(), List.of(new HistoryEntry(id, at, next.version(), HistoryEntry.Kind.COMMAND, command.key(),
                e.phase(), "test", List.of("seeded"))), Intent.of(e));
        return e;
    }

    /** The EventBridge envelope a rule delivers (events/decision-advance.json) around {@code event}. */
    public static String envelope(RolloutEvent event) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(sample("decision-advance.json"));
            n.set("detail", RolloutEventJson.write(event));
            return n.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * The CloudWatch Embedded Metric Format lines the function printed to stdout (its Lambda log) during
     * {@code call} (an invocation of the function under test).
     */
    public static List<JsonNode> metricLinesOf(Runnable call) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(original);
        }
        return java.util.Arrays.stream(captured.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("{\"_aws\"")).map(Fixtures::json).toList();
    }
}

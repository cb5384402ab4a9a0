package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.MutableClock;
import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.adapters.webhook.WebhookSignature;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.core.step.Ingest;
import dev.ringmaster.core.step.PlanCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook ingress over a real store (DynamoDB Local, a fresh table each), the core's {@link Ingest}, a bus that
 * keeps what it is given, a clock the test moves, and Google's keys on WireMock; with the seed plans' rollouts
 * running and each sender's genuine requests (events/webhooks/) signed as the sender signs them.
 */
final class IngressFixture {
    static final Instant NOW = Instant.parse("2026-05-02T13:20:00Z");
    static final String APPSTORE_SECRET = "asc-webhook-secret-6d1f9a0c";
    static final String ALERTMANAGER_TOKEN = "am-bearer-token-3e8b51c2";
    static final String CANARY_DIFF_SECRET = "canary-diff-secret-0b44a7";
    static final String GENERIC_SECRET = "generic-secret-93d1f6e2";
    static final List<String> SECRETS = List.of(APPSTORE_SECRET, ALERTMANAGER_TOKEN, CANARY_DIFF_SECRET, GENERIC_SECRET);
    static final String ANDROID = "android-2-1-0";
    static final String NESTORY = "nestory-1-8-0";
    static final String WEB = "web-2-1-0-canary";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TABLES = new AtomicInteger();

    final GoogleKeys google = GoogleKeys.shared();
    final MutableClock clock = new MutableClock(NOW);
    final RolloutStore store;
    final List<RolloutEvent> published = new CopyOnWriteArrayList<>();
    final WebhookIngress ingress;

    IngressFixture() {
        this(env -> { });
    }

    /** {@code settings} changes the environment the ingress is configured from (a secret left out, a reference). */
    IngressFixture(Consumer<Map<String, String>> settings) {
        String table = "ingest-" + TABLES.incrementAndGet();
        DynamoDbRolloutStore.createTable(DynamoDbLocal.client(), table);
        store = new DynamoDbRolloutStore(DynamoDbLocal.client(), table);
        Map<String, String> env = env(google);
        settings.accept(env);
        ingress = ingress(env, store);
    }

    static Map<String, String> env(GoogleKeys google) {
        Map<String, String> env = new HashMap<>();
        env.put(WebhookKind.APPSTORE.secretVariable(), APPSTORE_SECRET);
        env.put(WebhookKind.ALERTMANAGER.secretVariable(), ALERTMANAGER_TOKEN);
        env.put(WebhookKind.CANARY_DIFF.secretVariable(), CANARY_DIFF_SECRET);
        env.put(WebhookKind.GENERIC.secretVariable(), GENERIC_SECRET);
        env.put(IngressConfig.AUDIENCE_VARIABLE, GoogleKeys.AUDIENCE);
        env.put(IngressConfig.EMAIL_VARIABLE, GoogleKeys.EMAIL);
        env.put(IngressConfig.JWKS_VARIABLE, google.jwksUrl());
        return env;
    }

    /** An ingress over {@code store}, configured from {@code env} as the function configures it. */
    WebhookIngress ingress(Map<String, String> env, RolloutStore over) {
        Ingest ingest = new Ingest(over, published::add, clock, new PlanCache(), Duration.ofDays(7));
        return new WebhookIngress(IngressConfig.from(env, new LocalSecrets(env, null)), ingest, clock);
    }

    /** Starts the rollout of a seed plan (events/plans/), RUNNING in its first phase for an hour; its id. */
    String running(String planFile) {
        Path file = root().resolve("events/plans/" + planFile);
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParseResult parsed = PlanParser.parse(file);
        if (!parsed.ok()) {
            throw new IllegalStateException(planFile + ": " + parsed.errors());
        }
        String id = parsed.plan().id();
        Instant started = NOW.minus(Duration.ofHours(1));
        store.create(new StoredRollout(new Rollout(id, RolloutState.RUNNING, 0, started, started, 1, -1, false, false, "started"), yaml),
                new HistoryEntry(id, started, 1, HistoryEntry.Kind.COMMAND, "start", null, "alice", List.of("ringmaster start")));
        return id;
    }

    Rollout rollout(String id) {
        return store.find(id).orElseThrow().rollout();
    }

    List<HistoryEntry> history(String id) {
        return store.history(id);
    }

    List<HistoryEntry> signals(String id) {
        return history(id).stream().filter(h -> h.kind() == HistoryEntry.Kind.SIGNAL).toList();
    }

    /** What a refused delivery must leave as it was: the rollout, its history, and the bus. */
    record Snapshot(Rollout rollout, List<HistoryEntry> history, int published) {
    }

    Snapshot snapshot(String id) {
        return new Snapshot(rollout(id), history(id), published.size());
    }

    WebhookResponse send(WebhookRequest request) {
        return ingress.handle(request);
    }

    // --- requests as each sender makes them

    static WebhookRequest appstore(byte[] body, String secret, Map<String, String> query) {
        return new WebhookRequest("appstore", Map.of("X-Apple-Signature", "hmacsha256=" + hmac(secret, body),
                "Content-Type", "application/json"), body, query);
    }

    static WebhookRequest alertmanager(byte[] body, String token, Map<String, String> query) {
        return new WebhookRequest("alertmanager", Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json",
                "User-Agent", "Alertmanager/0.27.0"), body, query);
    }

    static WebhookRequest crashlytics(byte[] body, String token, Map<String, String> query) {
        return new WebhookRequest("crashlytics", Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json",
                "User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"), body, query);
    }

    /** canary-diff or generic, signed at {@code at}. */
    static WebhookRequest signed(String kind, byte[] body, String secret, Instant at) {
        return new WebhookRequest(kind, Map.of(WebhookSignature.HEADER, WebhookSignature.header(body, secret, at),
                "Content-Type", "application/json", "User-Agent", "ringmaster-pipeline"), body, Map.of());
    }

    WebhookRequest genuine(String kind, byte[] body) {
        return switch (kind) {
            case "appstore" -> appstore(body, APPSTORE_SECRET, Map.of("app", "6450000000"));
            case "alertmanager" -> alertmanager(body, ALERTMANAGER_TOKEN, Map.of());
            case "crashlytics" -> crashlytics(body, google.token(clock.instant()), Map.of("app", "com.example.vpn"));
            case "canary-diff" -> signed(kind, body, CANARY_DIFF_SECRET, clock.instant());
            default -> signed(kind, body, GENERIC_SECRET, clock.instant());
        };
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- sample bodies

    static byte[] sample(String name) {
        try {
            return Files.readAllBytes(root().resolve("events/webhooks/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String name) {
        return (ObjectNode) read(sample(name));
    }

    static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root() {
        Path p = Path.of(System.getProperty("ringmaster.root", "")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events/plans"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (events/plans)");
        }
        return p;
    }
}

package dev.ringmaster.adapters.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.adapters.webhook.WebhookSignature;
import dev.ringmaster.core.signal.WebhookKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random and mutated webhooks thrown at the ingress over a real store (DynamoDB Local): whatever arrives, handle()
 * answers, with a status a sender understands (never 500: an unexpected exception is a bug), a message that says
 * why, and no secret or token in what it says. 10,000 tries in four properties; the tries each one ran and the
 * statuses they got are counted here and printed after the run, so the figures do not rest on the engine's report.
 * Tries lean to the properties refused before the store (3,000 each) over those that reach it (2,000 each): a delivery
 * the store sees costs some 35 ms on DynamoDB Local, one refused before it well under one.
 */
class WebhookIngressPropertiesTest {
    private static final Set<Integer> STATUSES = Set.of(200, 202, 400, 401, 404, 409, 413);
    private static final List<String> SAMPLES = List.of("appstore-phased-release-paused.json", "appstore-build-rejected.json",
            "crashlytics-velocity.json", "alertmanager-firing.json", "canary-diff.json", "generic-sev1.json");
    private static final Map<String, byte[]> BODIES = new ConcurrentHashMap<>();
    private static final Map<String, Map<Integer, AtomicInteger>> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> NANOS = new ConcurrentHashMap<>();
    private static final AtomicLong STARTED = new AtomicLong();
    private static final AtomicLong READY = new AtomicLong();
    private static IngressFixture fixture;
    private static String token;

    private static synchronized IngressFixture f() {
        if (fixture == null) {
            STARTED.set(System.nanoTime());
            fixture = new IngressFixture();
            for (String plan : List.of("002-android-staged.yaml", "000-nestory-rings.yaml", "004-canary-cohorts.yaml")) {
                fixture.running(plan);
            }
            token = fixture.google.token(IngressFixture.NOW);
            READY.set(System.nanoTime());
        }
        return fixture;
    }

    private static void check(String property, WebhookRequest request) {
        IngressFixture f = f();
        long t0 = System.nanoTime();
        WebhookResponse r = f.send(request);
        NANOS.computeIfAbsent(property, p -> new AtomicLong()).addAndGet(System.nanoTime() - t0);
        SEEN.computeIfAbsent(property, p -> new ConcurrentHashMap<>()).computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
        assertTrue(STATUSES.contains(r.status()), r.status() + " " + r.message() + " for " + request);
        assertFalse(r.message() == null || r.message().isBlank(), "a status without a reason for " + request);
        String said = r.json();
        for (String secret : IngressFixture.SECRETS) {
            assertFalse(said.contains(secret), "a secret in " + said);
        }
        assertFalse(said.contains(token), "the bearer token in " + said);
    }

    /**
     * The request the sender of {@code kind} makes for {@code body}: signed, or with a genuine token. Apple's and Google's
     * URLs name the rollout by id: by app, every delivery would scan the table for active rollouts, whose history
     * grows with each try (the example tests cover naming by app).
     */
    private static WebhookRequest genuine(String kind, byte[] body) {
        return switch (kind) {
            case "crashlytics" -> IngressFixture.crashlytics(body, token, Map.of("rollout", IngressFixture.ANDROID));
            case "appstore" -> IngressFixture.appstore(body, IngressFixture.APPSTORE_SECRET, Map.of("rollout", IngressFixture.NESTORY));
            default -> f().genuine(kind, body);
        };
    }

    private static byte[] body(String sample) {
        return BODIES.computeIfAbsent(sample, IngressFixture::sample).clone();
    }

    private static String kindOf(String sample) {
        return sample.substring(0, sample.indexOf(sample.startsWith("canary-diff") ? ".json" : "-"));
    }

    @Property(tries = 3000)
    void randomBytes_toAnyKind_signedOrNot(@ForAll("kinds") String kind, @ForAll("bodies") byte[] body, @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        WebhookRequest req = switch (r.nextInt(3)) {
            case 0 -> new WebhookRequest(kind, RandomJson.noise(r), body, Map.of());
            case 1 -> genuine(WebhookKind.of(kind).isPresent() ? kind : RandomJson.kindName(r), body);
            default -> new WebhookRequest(kind, Map.of("Authorization", "Bearer " + RandomJson.text(r), WebhookSignature.HEADER,
                    "t=" + r.nextLong() + ",v1=" + RandomJson.text(r), "x-apple-signature", "hmacsha256=" + RandomJson.text(r)), body,
                    Map.of("rollout", RandomJson.text(r)));
        };
        check("random bytes", req);
    }

    @Property(tries = 3000)
    void randomJson_genuinelySigned_toEachKind(@ForAll("senders") String kind, @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        JsonNode doc = r.nextInt(10) == 0 ? RandomJson.value(r, 3) : RandomJson.object(r, 3);
        Map<String, String> query = r.nextBoolean() ? Map.of() : Map.of(r.nextBoolean() ? "rollout" : "app", RandomJson.text(r));
        WebhookRequest signed = genuine(kind, IngressFixture.bytes(doc));
        check("random JSON, signed", new WebhookRequest(kind, signed.headers(), signed.body(), query));
    }

    /** Two to four changes a body: one alone mostly leaves a body the store must see (at some 35 ms a delivery), two mostly break it. */
    @Property(tries = 2000)
    void genuineBodiesWithFieldsDroppedRetypedOrRenamed_genuinelySigned(@ForAll("samples") String sample, @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        JsonNode body = IngressFixture.read(body(sample));
        for (int i = 0, n = 2 + r.nextInt(3); i < n; i++) {
            body = RandomJson.mutate(body, r);
        }
        check("mutated fields, signed", genuine(kindOf(sample), IngressFixture.bytes(body)));
    }

    @Property(tries = 2000)
    void genuineRequestsTamperedWith(@ForAll("samples") String sample, @ForAll("tampering") Tampering how, @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        String kind = kindOf(sample);
        byte[] body = body(sample);
        WebhookRequest genuine = genuine(kind, body);
        WebhookRequest req = switch (how) {
            case FLIPPED_BODY_BYTE -> {
                byte[] b = body.clone();
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                yield new WebhookRequest(kind, genuine.headers(), b, genuine.query());
            }
            // a flip in the last base64url character of a JWT may touch only its padding bits: the same signature, still genuine
            case FLIPPED_PROOF -> new WebhookRequest(kind, flipped(genuine.headers(), r), body, genuine.query());
            case NO_PROOF -> new WebhookRequest(kind, Map.of("Content-Type", "application/json"), body, genuine.query());
            case HEADER_CASE -> new WebhookRequest(kind, recased(genuine.headers(), r), body, genuine.query());
            case WRONG_KIND -> new WebhookRequest(r.nextBoolean() ? RandomJson.kindName(r) : kind.toUpperCase(Locale.ROOT) + "/",
                    genuine.headers(), body, genuine.query());
            case HUGE_BODY -> {
                byte[] b = Arrays.copyOf(body, IngressConfig.MAX_BODY_BYTES + 1 + r.nextInt(100_000));
                Arrays.fill(b, body.length, b.length, (byte) ' ');
                yield genuine(kind, b);
            }
            case TRUNCATED -> genuine(kind, Arrays.copyOf(body, r.nextInt(body.length)));
            case STALE -> stale(kind, body, r);
            case REPLAYED -> {
                f().send(genuine);
                yield genuine(kind, body);
            }
            case DUPLICATED_KEY -> {
                String text = new String(body, StandardCharsets.UTF_8);
                int brace = text.indexOf('{');
                yield genuine(kind, (text.substring(0, brace + 1) + "\"id\":\"dup\",\"id\":\"dup\"," + text.substring(brace + 1))
                        .getBytes(StandardCharsets.UTF_8));
            }
        };
        check("tampered " + how.name().toLowerCase(Locale.ROOT), req);
    }

    enum Tampering {
        FLIPPED_BODY_BYTE, FLIPPED_PROOF, NO_PROOF, HEADER_CASE, WRONG_KIND, HUGE_BODY, TRUNCATED, STALE, REPLAYED, DUPLICATED_KEY
    }

    /** Signed or minted well outside the five minutes (or the token's hour) either way. */
    private static WebhookRequest stale(String kind, byte[] body, Random r) {
        Duration off = Duration.ofSeconds(301 + r.nextInt(100_000)).multipliedBy(r.nextBoolean() ? 1 : -1);
        return switch (kind) {
            case "crashlytics" -> IngressFixture.crashlytics(body, f().google.token(IngressFixture.NOW.plus(off).plus(
                    off.isNegative() ? Duration.ofHours(-2) : Duration.ofHours(1))), Map.of("rollout", IngressFixture.ANDROID));
            case "canary-diff" -> IngressFixture.signed(kind, body, IngressFixture.CANARY_DIFF_SECRET, IngressFixture.NOW.plus(off));
            case "generic" -> IngressFixture.signed(kind, body, IngressFixture.GENERIC_SECRET, IngressFixture.NOW.plus(off));
            // Apple and Alertmanager sign no time: an old delivery is a replay, caught by its id
            default -> genuine(kind, body);
        };
    }

    private static Map<String, String> flipped(Map<String, String> headers, Random r) {
        Map<String, String> out = new HashMap<>(headers);
        for (String name : List.of("authorization", "x-apple-signature", "ringmaster-signature")) {
            String v = out.get(name);
            if (v != null) {
                char[] c = v.toCharArray();
                int i = v.length() - 1 - r.nextInt(Math.min(v.length(), 40));
                c[i] = c[i] == 'a' ? 'b' : 'a';
                out.put(name, new String(c));
            }
        }
        return out;
    }

    private static Map<String, String> recased(Map<String, String> headers, Random r) {
        Map<String, String> out = new HashMap<>();
        headers.forEach((k, v) -> out.put(r.nextBoolean() ? k.toUpperCase(Locale.ROOT) : k, v));
        return out;
    }

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("appstore", "crashlytics", "alertmanager", "canary-diff", "generic")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(30)));
    }

    @Provide
    Arbitrary<String> senders() {
        return Arbitraries.of("appstore", "crashlytics", "alertmanager", "canary-diff", "generic");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)),
                Tuple.of(1, Arbitraries.integers().between(IngressConfig.MAX_BODY_BYTES - 2, IngressConfig.MAX_BODY_BYTES + 2)
                        .map(byte[]::new)));
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(SAMPLES);
    }

    /**
     * Tamperings that leave a genuine delivery (header case, a replay, a stale time the sender does not sign) reach the
     * store, at some 35 ms a delivery on DynamoDB Local: they are tried a quarter as often as those refused before it.
     */
    @Provide
    Arbitrary<Tampering> tampering() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(Tampering.HEADER_CASE, Tampering.REPLAYED, Tampering.STALE)),
                Tuple.of(4 * 7 / 3, Arbitraries.of(Tampering.FLIPPED_BODY_BYTE, Tampering.FLIPPED_PROOF, Tampering.NO_PROOF, Tampering.WRONG_KIND,
                        Tampering.HUGE_BODY, Tampering.TRUNCATED, Tampering.DUPLICATED_KEY)));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @AfterContainer
    static void report() {
        long ms = (System.nanoTime() - STARTED.get()) / 1_000_000;
        int total = SEEN.values().stream().flatMap(m -> m.values().stream()).mapToInt(AtomicInteger::get).sum();
        StringBuilder out = new StringBuilder("WebhookIngressPropertiesTest: " + total + " requests handled in " + ms + " ms (of which "
                + (READY.get() - STARTED.get()) / 1_000_000 + " ms starting DynamoDB Local, WireMock and Google's keys)\n");
        new TreeMap<>(SEEN).forEach((property, statuses) -> out.append("  ").append(property).append(": ").append(new TreeMap<>(statuses))
                .append(", ").append(NANOS.get(property).get() / 1_000_000).append(" ms in handle()\n"));
        System.out.print(out);
    }
}

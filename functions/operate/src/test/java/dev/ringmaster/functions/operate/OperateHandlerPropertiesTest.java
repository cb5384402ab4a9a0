package dev.ringmaster.functions.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.Capabilities;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.step.Operate;
import dev.ringmaster.core.step.PlanCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 13: thousands of random and mutated operate events (the samples of events/ with fields removed, blanked,
 * of the wrong type or huge, random command names and ids, EventBridge and function-URL envelopes, random JSON)
 * against the handler on DynamoDB Local. Each is answered, never thrown: accepted with a message, or refused with
 * "cannot …: " and a reason, and a refusal leaves the rollout's version as it was.
 */
class OperateHandlerPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("command", "rolloutId", "reason", "force", "operator", "phase", "plan",
            "checklistConfirmed", "checklist", "cohort", "after", "metric", "result", "detail", "requestContext", "body");
    /** Rollouts in every state, several of each: accepted commands move them on, and a pool of one per state would soon be all ROLLING_BACK. */
    private static final List<String> POOL = Stream.of(RolloutState.values())
            .flatMap(s -> java.util.stream.IntStream.range(0, 12).mapToObj(i -> "pool-" + s.name().toLowerCase().replace('_', '-') + "-" + i))
            .toList();
    private static final RolloutStore STORE = store();
    private static final OperateHandler HANDLER = new OperateHandler(new Operate(STORE, e -> { }, new Unscheduled(), Clock.systemUTC(),
            new PlanCache(), Capabilities.everything(), Duration.ofMinutes(5)), STORE, new PlanCache(), Clock.systemUTC());
    private static final List<ObjectNode> SAMPLES = samples();
    private static final ObjectNode BUS_SAMPLE = (ObjectNode) read("operate-kill-bus.json");
    private static final ObjectNode URL_SAMPLE = (ObjectNode) read("operate-pause-function-url.json");

    /**
     * DynamoDB Local embedded: the same engine as the adapters' DynamoDbLocal server, called without the loopback HTTP
     * hop, since ten thousand tries make some fifty thousand calls. Rollouts in each state on the start sample's plan.
     */
    private static RolloutStore store() {
        DynamoDbClient client = DynamoDBEmbedded.create(true).dynamoDbClient();
        DynamoDbRolloutStore.createTable(client, "operate-properties");
        RolloutStore store = new DynamoDbRolloutStore(client, "operate-properties");
        String plan = plan("android-2-1-0").replace("  phases:\n", "    smoke_tests: {kind: check}\n  phases:\n");
        Instant t = Instant.now().minus(Duration.ofHours(1));
        for (String id : POOL) {
            RolloutState state = RolloutState.valueOf(id.substring(5, id.lastIndexOf('-')).toUpperCase().replace('-', '_'));
            store.create(new StoredRollout(new Rollout(id, state, state == RolloutState.COMPLETED ? 2 : 0, t, t, 1, -1, false, false,
                    "seeded"), plan.replace("android-2-1-0", id)), new HistoryEntry(id, t, 1, HistoryEntry.Kind.COMMAND, "start", "phase-1",
                    "test", List.of("seeded")));
        }
        return store;
    }

    private static String plan(String id) {
        return read("operate-start.json").path("plan").asText().replace("android-2-1-0", id);
    }

    private static List<ObjectNode> samples() {
        Path events = Path.of(System.getProperty("repository.root", "../..")).resolve("events");
        try (Stream<Path> files = Files.list(events)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("operate-")).sorted()
                    .map(n -> (ObjectNode) read(n)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String sample) {
        Path root = Path.of(System.getProperty("repository.root", "../.."));
        try {
            return JSON.readTree(Files.readString(root.resolve("events").resolve(sample)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 3000)
    void mutatedSamples_areAnswered_andARefusalChangesNothing(@ForAll("mutatedSamples") JsonNode event) {
        answered(event);
    }

    @Property(tries = 7000)
    void randomEvents_areAnswered_andARefusalChangesNothing(@ForAll("randomEvents") JsonNode event) {
        answered(event);
    }

    private static void answered(JsonNode event) {
        Optional<String> id = target(event);
        long before = id.flatMap(STORE::find).map(s -> s.rollout().version()).orElse(-1L);

        OperateResult out = HANDLER.handle(event);

        assertNotNull(out);
        String json = json(out);
        if (out.accepted()) {
            assertFalse(out.message() == null || out.message().isBlank(), json);
            assertNull(out.reason(), json);
        } else {
            assertTrue(out.reason() != null && out.reason().startsWith("cannot ") && out.reason().length() > "cannot x: ".length(), json);
            assertNull(out.message(), json);
            assertEquals(before, id.flatMap(STORE::find).map(s -> s.rollout().version()).orElse(-1L), "a refusal changed the rollout: " + json);
        }
        Statistics.collect(out.accepted() ? "accepted" : "refused", verb(event));
    }

    /** The answer as Funqy writes it: a message echoing a broken character must not break the JSON. */
    private static String json(OperateResult out) {
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the answer cannot be written as JSON: " + out, e);
        }
    }

    /** The command the event names, for the statistics: which commands got through. */
    private static String verb(JsonNode event) {
        try {
            return OperateRequest.verb(Envelope.open(event).command()).key();
        } catch (InvalidEvent e) {
            return "(none)";
        }
    }

    /** The rollout the event names, wherever it is wrapped; empty when it names none a store could hold. */
    private static Optional<String> target(JsonNode event) {
        try {
            JsonNode id = Envelope.open(event).command().path("rolloutId");
            return id.isTextual() && PlanParser.ROLLOUT_ID.matcher(id.textValue()).matches() ? Optional.of(id.textValue()) : Optional.empty();
        } catch (InvalidEvent e) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<JsonNode> mutatedSamples() {
        Arbitrary<ObjectNode> sample = Arbitraries.of(SAMPLES).withoutEdgeCases().map(ObjectNode::deepCopy);
        Arbitrary<Mutation> mutation = Combinators.combine(fields(), values().injectNull(0.25)).as(Mutation::new);
        // A third as the sample is (then wrapped): commands that should go through, on rollouts in every state.
        Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
                Tuple.of(2, mutation.list().ofMinSize(1).ofMaxSize(4)));
        return Combinators.combine(sample, ids(), mutations, wrappers(), strings())
                .as(OperateHandlerPropertiesTest::event);
    }

    /** Events built from nothing: a command name and an id (both often wrong), and random fields of random types. */
    @Provide
    Arbitrary<JsonNode> randomEvents() {
        Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(1, ids()), Tuple.of(2, strings()));
        Arbitrary<ObjectNode> object = Combinators.combine(strings(), ids, Arbitraries.maps(fields(), values()).ofMaxSize(6))
                .as((command, id, fields) -> {
                    ObjectNode n = NODES.objectNode().put("command", command).put("rolloutId", id);
                    fields.forEach(n::set);
                    return n;
                });
        Arbitrary<JsonNode> wrapped = Combinators.combine(object, wrappers(), strings()).as((n, w, text) -> w.wrap(n, text));
        return Arbitraries.frequencyOf(Tuple.of(9, wrapped), Tuple.of(1, values()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** Mostly as on-call sends them; the broken envelopes less often, since they stop at the first check. */
    private static Arbitrary<Wrapper> wrappers() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(Wrapper.NONE)),
                Tuple.of(6, Arbitraries.of(Wrapper.BUS, Wrapper.BUS_WITHOUT_SOURCE, Wrapper.URL_IAM, Wrapper.URL_COGNITO,
                        Wrapper.URL_NO_AUTH, Wrapper.URL_BASE64)),
                Tuple.of(2, Arbitraries.of(Wrapper.BUS_WITH_TEXT_DETAIL, Wrapper.URL_BROKEN_BODY, Wrapper.URL_WRONG_TYPES,
                        Wrapper.AS_TEXT))).withoutEdgeCases();
    }

    /** One change to an event: a field set to a value, or removed (null). */
    record Mutation(String field, JsonNode value) {
    }

    private static JsonNode event(ObjectNode sample, String id, List<Mutation> mutations, Wrapper wrapper, String text) {
        ObjectNode command = sample.has("detail") ? (ObjectNode) sample.get("detail") : sample.has("body")
                ? (ObjectNode) parse(sample.get("body").asText()) : sample;
        command.put("rolloutId", id);
        if (command.has("plan")) {
            command.put("plan", plan(id));
        }
        for (Mutation m : mutations) {
            if (m.value() == null) {
                command.remove(m.field());
            } else {
                command.set(m.field(), m.value());
            }
        }
        return wrapper.wrap(command, text);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arbitrary<String> fields() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of(FIELDS)), Tuple.of(1, strings()));
    }

    /** Rollouts in each state, fresh ids, and ids no store holds (blank, uppercase, huge, broken characters). */
    private static Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(POOL)),
                Tuple.of(3, Arbitraries.strings().withCharRange('a', 'z').ofLength(12).map(s -> "fresh-" + s)),
                Tuple.of(1, strings()),
                Tuple.of(1, Arbitraries.of("", "   ", "Android-2-1-0", "-x", "a".repeat(64), "x\uD800y", "android_2_1_0")));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("pause", "PAUSE", " Mark_Fixed ", "fixed", "kill", "report", "status", "approve", "promote", "start",
                        "resume", "rollback", "mark-fixed", "pass", "fail", "beta", "gamma", "smoke_tests", "crash_rate", "phase-2",
                        "All health gates passed", "\uDC00", "\uD83D\uDE80", "arn:aws:iam::123456789012:user/jane.doe"));
    }

    /** Values of every JSON type, blank and huge text, and the words the fields expect. */
    private static Arbitrary<JsonNode> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, strings().map(NODES::textNode)),
                Tuple.of(1, Arbitraries.of(257, 2_001, 100_001).map(n -> NODES.textNode("r".repeat(n)))),
                Tuple.of(1, Arbitraries.of("", "  ", "\n").map(NODES::textNode)),
                Tuple.of(2, Arbitraries.of(true, false).map(NODES::booleanNode)),
                Tuple.of(1, Arbitraries.integers().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.just(NODES.nullNode())),
                Tuple.of(2, Arbitraries.oneOf(strings().list().ofMaxSize(6), Arbitraries.just(java.util.Collections.nCopies(51, "item")))
                        .map(l -> {
                            var a = NODES.arrayNode();
                            l.forEach(a::add);
                            return a;
                        })),
                Tuple.of(1, Arbitraries.maps(strings(), strings()).ofMaxSize(3).map(m -> JSON.valueToTree(m))));
    }

    /** How the command reaches operate. */
    enum Wrapper {
        NONE, BUS, BUS_WITHOUT_SOURCE, BUS_WITH_TEXT_DETAIL, URL_IAM, URL_COGNITO, URL_NO_AUTH, URL_BASE64, URL_BROKEN_BODY,
        URL_WRONG_TYPES, AS_TEXT;

        JsonNode wrap(ObjectNode command, String text) {
            return switch (this) {
                case NONE -> command;
                case BUS -> bus(command, text);
                case BUS_WITHOUT_SOURCE -> bus(command, null);
                case BUS_WITH_TEXT_DETAIL -> bus(command, text).put("detail", command.toString());
                case URL_IAM -> url(command.toString(), false, Map.of("userArn", text));
                case URL_COGNITO -> url(command.toString(), false, Map.of("cognitoIdentity", Map.of("identityId", text), "userArn", "x"));
                case URL_NO_AUTH -> url(command.toString(), false, null);
                case URL_BASE64 -> url(Base64.getEncoder().encodeToString(command.toString().getBytes(StandardCharsets.UTF_8)), true,
                        Map.of("userArn", "arn:aws:iam::123456789012:user/jane.doe"));
                case URL_BROKEN_BODY -> url(command.toString().substring(0, command.toString().length() / 2), text.length() % 2 == 0,
                        Map.of("userArn", text));
                case URL_WRONG_TYPES -> {
                    ObjectNode n = url(command.toString(), false, Map.of("userArn", 42));
                    n.set("isBase64Encoded", NODES.textNode(text));
                    yield n;
                }
                case AS_TEXT -> NODES.textNode(command.toString());
            };
        }

        private static ObjectNode bus(ObjectNode command, String source) {
            ObjectNode n = BUS_SAMPLE.deepCopy();
            n.set("detail", command);
            if (source == null) {
                n.remove("source");
            } else {
                n.put("source", source);
            }
            return n;
        }

        private static ObjectNode url(String body, boolean base64, Map<String, Object> iam) {
            ObjectNode n = URL_SAMPLE.deepCopy();
            n.put("body", body);
            n.put("isBase64Encoded", base64);
            ObjectNode context = (ObjectNode) n.get("requestContext");
            if (iam == null) {
                context.putNull("authorizer");
            } else {
                context.set("authorizer", JSON.valueToTree(Map.of("iam", iam)));
            }
            return n;
        }
    }

    /** The answers are what is judged here; what a start publishes and schedules is the Quarkus test's. */
    private static final class Unscheduled implements TickScheduler {
        @Override
        public void schedule(String rolloutId, Duration rate) {
        }

        @Override
        public void unschedule(String rolloutId) {
        }
    }
}

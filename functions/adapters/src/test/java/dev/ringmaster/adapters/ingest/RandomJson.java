package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * JSON for the property tests, from a seed: random documents whose keys are mostly the senders' own field names (so
 * they get past the first checks), and structural mutations of a genuine body (a field dropped, retyped, renamed or
 * added; a list emptied or doubled; a text made huge or strange; Crashlytics' base64 data mutated inside).
 */
final class RandomJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("id", "kind", "name", "metric", "count", "result", "severity", "firing", "summary",
            "rollout", "rolloutId", "app", "version", "runId", "at", "samples", "mismatches", "diffs", "outliers", "data", "type",
            "attributes", "oldValue", "newValue", "message", "messageId", "message_id", "alerttype", "payload", "@type", "issue",
            "appVersion", "alerts", "status", "labels", "annotations", "fingerprint", "startsAt", "commonLabels", "alertname");
    private static final List<String> WORDS = List.of("", " ", "firing", "resolved", "critical", "page", "warning", "info", "pass", "fail",
            "4", "crash_rate", "security_alerts", "android-2-1-0", "web-2-1-0-canary", "nestory-1-8-0", "com.example.vpn", "2.1.0",
            "2.1.0 (2101)", "REJECTED", "PAUSED", "appStoreVersionPhasedReleaseStateUpdated", "webhookPingCreated",
            "crashlytics.velocity", "2026-05-02T13:02:30Z", "not a time", "\u0000", "\u202e\u0301", "😀", "\"quoted\"", "a\nb", "%s%n",
            "`", "\\", "{", "ROLLOUT#x", "webhook#generic#", "-1", "NaN", "∞");
    private static final List<String> NAMES = List.of("appstore", "crashlytics", "alertmanager", "canary-diff", "generic");

    private RandomJson() {
    }

    static JsonNode value(Random r, int depth) {
        int pick = r.nextInt(depth <= 0 ? 6 : 9);
        return switch (pick) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> number(r);
            case 3, 4 -> NODES.textNode(text(r));
            case 5 -> NODES.textNode(WORDS.get(r.nextInt(WORDS.size())));
            case 6, 7 -> object(r, depth - 1);
            default -> array(r, depth - 1);
        };
    }

    static ObjectNode object(Random r, int depth) {
        ObjectNode o = NODES.objectNode();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            o.set(r.nextInt(5) == 0 ? text(r) : KEYS.get(r.nextInt(KEYS.size())), value(r, depth));
        }
        return o;
    }

    private static ArrayNode array(Random r, int depth) {
        ArrayNode a = NODES.arrayNode();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            a.add(value(r, depth));
        }
        return a;
    }

    private static JsonNode number(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> NODES.numberNode(r.nextInt(2000) - 1000);
            case 1 -> NODES.numberNode(r.nextDouble() * 10);
            case 2 -> NODES.numberNode(Long.MAX_VALUE);
            case 3 -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
            case 4 -> NODES.numberNode(new BigDecimal("1e400"));
            case 5 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode(1e308);
        };
    }

    static String text(Random r) {
        int len = r.nextInt(10) == 0 ? 200 + r.nextInt(2000) : r.nextInt(24);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int c = switch (r.nextInt(4)) {
                case 0 -> 'a' + r.nextInt(26);
                case 1 -> '-' + r.nextInt(14);
                case 2 -> r.nextInt(0x20);
                default -> r.nextInt(0xD800);
            };
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** {@code body} with one structural change at a random place; for Crashlytics, maybe inside its base64 data. */
    static JsonNode mutate(JsonNode body, Random r) {
        JsonNode copy = body.deepCopy();
        JsonNode data = copy.at("/message/data");
        if (data.isTextual() && r.nextBoolean()) {
            try {
                JsonNode inner = IngressFixture.read(Base64.getDecoder().decode(data.asText()));
                JsonNode mutated = mutateTree(inner, r);
                ((ObjectNode) copy.get("message")).put("data", Base64.getEncoder().encodeToString(IngressFixture.bytes(mutated)));
                return copy;
            } catch (RuntimeException e) {
                // data already mutated into something that is not an alert: mutate the outer body instead
            }
        }
        return mutateTree(copy, r);
    }

    private static JsonNode mutateTree(JsonNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode at = containers.get(r.nextInt(containers.size()));
        if (at instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            // mostly a field some parser reads: changing one nobody reads only makes another genuine delivery
            List<String> read = keys.stream().filter(KEYS::contains).toList();
            List<String> from = !read.isEmpty() && r.nextInt(5) > 0 ? read : keys;
            String key = from.isEmpty() ? KEYS.get(r.nextInt(KEYS.size())) : from.get(r.nextInt(from.size()));
            switch (r.nextInt(6)) {
                case 0 -> o.remove(key);
                case 1 -> o.set(key, value(r, 2));
                case 2 -> {
                    JsonNode v = o.remove(key);
                    o.set(r.nextBoolean() ? key.toUpperCase(Locale.ROOT) : key + "_", v == null ? value(r, 1) : v);
                }
                case 3 -> o.set(KEYS.get(r.nextInt(KEYS.size())), value(r, 2));
                case 4 -> o.put(key, WORDS.get(r.nextInt(WORDS.size())));
                default -> o.put(key, "x".repeat(r.nextInt(5000)));
            }
        } else if (at instanceof ArrayNode a) {
            switch (r.nextInt(3)) {
                case 0 -> a.removeAll();
                case 1 -> {
                    if (!a.isEmpty()) {
                        a.add(a.get(r.nextInt(a.size())).deepCopy());
                    }
                }
                default -> a.add(value(r, 2));
            }
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (JsonNode child : n) {
                collect(child, out);
            }
        }
    }

    static String kindName(Random r) {
        return NAMES.get(r.nextInt(NAMES.size()));
    }

    static Map<String, String> noise(Random r) {
        return Map.of(text(r).isEmpty() ? "x-noise" : "x-" + r.nextInt(1000), text(r));
    }
}

package dev.ringmaster.adapters.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON flag document of seed 004 ({@code {"canary": {"enabled": true, "cohorts": {"beta": {...}}}}}), kept
 * by the file and S3 stores: a dotted flag name is a path into nested objects, as in the simulated flag store
 * (testkit {@code SimFlagStore}), and everything else in the document (users, features, halt_conditions) is
 * left as it was. Whole-number percentages are written as integers (5, not 5.0), as a person would.
 */
final class JsonFlagDocument implements FlagDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root;

    private JsonFlagDocument(ObjectNode root) {
        this.root = root;
    }

    /** The document in {@code bytes} (empty: no document yet); refuses anything but a JSON object. */
    static JsonFlagDocument parse(byte[] bytes, String where) {
        if (bytes == null || bytes.length == 0) {
            return new JsonFlagDocument(JSON.createObjectNode());
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return new JsonFlagDocument(object);
            }
            throw new RolloutTarget.Refused("flag document " + where + " is not a JSON object of flags but " + node.getNodeType());
        } catch (IOException e) {
            throw new RolloutTarget.Refused("flag document " + where + " is not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    @Override
    public boolean set(Map<String, Object> values) {
        for (String path : values.keySet()) {
            conflict(path).ifPresent(reason -> {
                throw new RolloutTarget.Refused(reason);
            });
            for (String other : values.keySet()) {
                if (other.startsWith(path + ".")) {
                    throw new RolloutTarget.Refused("flag " + path + " cannot be a value and hold " + other + " at once");
                }
            }
        }
        boolean changed = false;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            changed |= put(e.getKey(), node(e.getValue()));
        }
        return changed;
    }

    @Override
    public Optional<Object> value(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.get(part);
            if (node == null) {
                return Optional.empty();
            }
        }
        return FlagDocument.scalar(node);
    }

    @Override
    public Map<String, Cohort> cohorts(String flag) {
        Map<String, Cohort> out = new LinkedHashMap<>();
        JsonNode cohorts = root;
        for (String part : (flag + ".cohorts").split("\\.")) {
            cohorts = cohorts.path(part);
        }
        cohorts.fields().forEachRemaining(e -> {
            JsonNode pct = e.getValue().path("percentage");
            out.put(e.getKey(), new Cohort(e.getValue().path("enabled").asBoolean(false), pct.isNumber() ? pct.doubleValue() : null));
        });
        return out;
    }

    @Override
    public byte[] bytes() {
        return FlagDocument.bytes(JSON, root);
    }

    private Optional<String> conflict(String path) {
        List<String> parts = Arrays.asList(path.split("\\."));
        JsonNode node = root;
        for (int i = 0; i < parts.size(); i++) {
            JsonNode next = node.get(parts.get(i));
            boolean leaf = i == parts.size() - 1;
            if (next == null) {
                return Optional.empty();
            }
            if (leaf && next.isObject()) {
                return Optional.of("flag " + path + " is an object of flags, not a value");
            }
            if (!leaf && !next.isObject()) {
                return Optional.of("flag " + String.join(".", parts.subList(0, i + 1)) + " is a value, so " + path + " cannot be set");
            }
            node = next;
        }
        return Optional.empty();
    }

    private boolean put(String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        JsonNode old = node.get(parts[parts.length - 1]);
        if (same(old, value)) {
            return false;
        }
        node.set(parts[parts.length - 1], value);
        return true;
    }

    /** 5 and 5.0 are the same percentage: a document written by hand must not count as changed. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        return b.equals(a);
    }

    static JsonNode node(Object value) {
        if (value instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? LongNode.valueOf((long) d) : DoubleNode.valueOf(d);
        }
        return TextNode.valueOf(String.valueOf(value));
    }
}

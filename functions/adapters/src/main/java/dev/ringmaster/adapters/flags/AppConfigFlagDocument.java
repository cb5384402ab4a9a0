package dev.ringmaster.adapters.flags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code AWS.AppConfig.FeatureFlags} document (REFERENCE-targets §4):
 * {@code {"version":"1","flags":{KEY:{"name":…,"attributes":{…}}},"values":{KEY:{"enabled":…,…}}}}.
 *
 * <p>AppConfig flag keys are flat and must match {@code ^[a-z][a-zA-Z\d_-]{0,63}$}, so a dotted flag name is
 * mapped, not refused: the last part names what is set, the parts before it, joined with {@code __}, name the
 * AppConfig flag (its {@code name} keeps the dotted form, so the console shows where it came from):
 * <ul>
 *   <li>{@code X.enabled} (true/false) → flag {@code X}'s {@code enabled} ({@code system.canary.enabled} →
 *       {@code system__canary}; {@code canary.cohort.beta.enabled} → {@code canary__cohort__beta});</li>
 *   <li>{@code X.percentage} (0–100) → flag {@code X}'s attribute {@code pct}, defined as a number 0–100;</li>
 *   <li>{@code X.version} → flag {@code X}'s string attribute {@code version};</li>
 *   <li>any other name is the flag itself: true/false → its {@code enabled}; a percentage → its {@code pct},
 *       and {@code enabled} is true above 0 % ({@code audiences.phase-1.new_features: 50} →
 *       {@code audiences__phase-1__new_features} {@code {"enabled":true,"pct":50}}).</li>
 * </ul>
 * A feature-flag target {@code canary}'s cohort {@code beta} is the flag {@code canary__cohorts__beta}. A name
 * whose mapped key AppConfig cannot hold (upper-case first letter, other characters, longer than 64, a part
 * that itself holds {@code __} and so could not be read back) is refused naming the flag and the key. Unlike
 * the nested JSON document, {@code canary} and {@code canary.enabled} are the same AppConfig flag here.
 * Definitions and values written by others (variants, descriptions, other attributes) are kept as they are.
 */
final class AppConfigFlagDocument implements FlagDocument {
    static final Pattern KEY = Pattern.compile("^[a-z][a-zA-Z\\d_-]{0,63}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEP = "__";
    private final ObjectNode root;

    private AppConfigFlagDocument(ObjectNode root) {
        this.root = root;
    }

    /** The document in {@code bytes}, or an empty feature-flag document when there is no version yet. */
    static AppConfigFlagDocument parse(byte[] bytes, String where) {
        if (bytes == null || bytes.length == 0) {
            ObjectNode root = JSON.createObjectNode().put("version", "1");
            root.putObject("flags");
            root.putObject("values");
            return new AppConfigFlagDocument(root);
        }
        try {
            if (JSON.readTree(bytes) instanceof ObjectNode root && "1".equals(root.path("version").asText())) {
                if (!root.has("flags")) {
                    root.putObject("flags");
                }
                if (!root.has("values")) {
                    root.putObject("values");
                }
                return new AppConfigFlagDocument(root);
            }
            throw new RolloutTarget.Refused(where + " does not hold an AWS.AppConfig.FeatureFlags document with \"version\": \"1\"");
        } catch (IOException e) {
            throw new RolloutTarget.Refused(where + " does not hold valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** Where a dotted flag name lives in AppConfig: the flag key and what of it is set. */
    record Place(String key, String attribute, String name) {
    }

    static Place place(String path) {
        List<String> parts = List.of(path.split("\\.", -1));
        String last = parts.get(parts.size() - 1);
        String attribute = switch (last) {
            case "enabled" -> "enabled";
            case "percentage" -> "pct";
            case "version" -> "version";
            default -> null;
        };
        List<String> flag = attribute == null || parts.size() == 1 ? parts : parts.subList(0, parts.size() - 1);
        for (String part : flag) {
            if (part.isEmpty() || part.contains(SEP)) {
                throw new RolloutTarget.Refused("flag '" + path + "' cannot be an AppConfig flag: its part '" + part
                        + "' is empty or holds '__', which joins the parts of a dotted name into an AppConfig key");
            }
        }
        String key = String.join(SEP, flag);
        if (!KEY.matcher(key).matches()) {
            throw new RolloutTarget.Refused("flag '" + path + "' cannot be an AppConfig flag: its key '" + key
                    + "' does not match AppConfig's ^[a-z][a-zA-Z\\d_-]{0,63}$ (a lower-case letter first, then letters, digits, _ or -, 64 at most)");
        }
        return new Place(key, flag == parts ? null : attribute, String.join(".", flag));
    }

    @Override
    public boolean set(Map<String, Object> values) {
        Map<Place, Object> placed = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            Place p = place(path);
            if ("enabled".equals(p.attribute()) && !(value instanceof Boolean)) {
                throw new RolloutTarget.Refused("flag '" + path + "': AppConfig's enabled is true or false, not " + value);
            }
            if ("pct".equals(p.attribute()) && !(value instanceof Number)) {
                throw new RolloutTarget.Refused("flag '" + path + "': a percentage is a number 0–100, not " + value);
            }
            placed.put(p, value);
        });
        boolean changed = false;
        for (Map.Entry<Place, Object> e : placed.entrySet()) {
            Place p = e.getKey();
            Object value = e.getValue();
            if (p.attribute() == null) {
                if (value instanceof Number n) {
                    changed |= put(p, "pct", value);
                    changed |= put(p, "enabled", n.doubleValue() > 0);
                } else {
                    changed |= put(p, "enabled", value);
                }
            } else {
                changed |= put(p, p.attribute(), value);
            }
        }
        return changed;
    }

    private boolean put(Place place, String attribute, Object value) {
        boolean changed = define(place, attribute);
        ObjectNode values = (ObjectNode) root.get("values");
        if (!(values.get(place.key()) instanceof ObjectNode)) {
            // AppConfig needs `enabled` beside every attribute value: a flag ringmaster creates starts off.
            values.putObject(place.key()).put("enabled", false);
            changed = true;
        }
        ObjectNode flag = (ObjectNode) values.get(place.key());
        JsonNode node = JsonFlagDocument.node(value);
        if (!JsonFlagDocument.same(flag.get(attribute), node)) {
            flag.set(attribute, node);
            changed = true;
        }
        return changed;
    }

    /** Every flag and attribute value needs its definition, or AppConfig refuses the version. */
    private boolean define(Place place, String attribute) {
        ObjectNode flags = (ObjectNode) root.get("flags");
        boolean changed = false;
        if (!(flags.get(place.key()) instanceof ObjectNode)) {
            flags.putObject(place.key()).put("name", place.name());
            changed = true;
        }
        if (attribute.equals("enabled")) {
            return changed;
        }
        ObjectNode definition = (ObjectNode) flags.get(place.key());
        ObjectNode attributes = definition.get("attributes") instanceof ObjectNode a ? a : definition.putObject("attributes");
        if (!attributes.has(attribute)) {
            ObjectNode constraints = attributes.putObject(attribute).putObject("constraints");
            if (attribute.equals("pct")) {
                constraints.put("type", "number").put("minimum", 0).put("maximum", 100);
            } else {
                constraints.put("type", "string");
            }
            changed = true;
        }
        return changed;
    }

    @Override
    public Optional<Object> value(String path) {
        Place p = place(path);
        JsonNode node = root.path("values").path(p.key()).path(p.attribute() == null ? "enabled" : p.attribute());
        return FlagDocument.scalar(node);
    }

    @Override
    public Map<String, Cohort> cohorts(String flag) {
        String prefix = place(flag).key() + SEP + "cohorts" + SEP;
        Map<String, Cohort> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        root.path("values").fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            String cohort = key.startsWith(prefix) ? key.substring(prefix.length()) : "";
            if (!cohort.isEmpty() && !cohort.contains(SEP)) {
                JsonNode v = root.path("values").path(key);
                out.put(cohort, new Cohort(v.path("enabled").asBoolean(false), v.path("pct").isNumber() ? v.path("pct").doubleValue() : null));
            }
        }
        return out;
    }

    @Override
    public byte[] bytes() {
        return FlagDocument.bytes(JSON, root);
    }
}

package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading a webhook body field by field, each refusal naming the field's path and its (shortened) value. The parser is
 * strict: a key given twice or text after the document is refused rather than read one of two ways.
 */
final class Fields {
    /** kinds, alert types, store states: what goes into a history line as one word */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** plan metric names (the plan parser's rule) */
    static final Pattern METRIC = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Fields() {
    }

    /** The body as a JSON object, or 400 saying what is wrong with it. */
    static JsonNode object(byte[] body, String what) {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Refusal(400, what + " is not JSON" + where + ": " + clip(e.getOriginalMessage(), 120));
        } catch (IOException e) {
            throw new Refusal(400, what + " cannot be read as JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (doc == null || doc.isMissingNode()) {
            throw new Refusal(400, what + " is empty: a JSON object was expected");
        }
        if (!doc.isObject()) {
            throw new Refusal(400, what + " is " + type(doc) + ", not a JSON object");
        }
        return doc;
    }

    static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** A required object. */
    static JsonNode object(JsonNode parent, String key, String parentPath) {
        JsonNode v = parent.get(key);
        String p = path(parentPath, key);
        if (v == null || v.isNull()) {
            throw Refusal.missing(p);
        }
        if (!v.isObject()) {
            throw Refusal.field(p, shown(v), "is " + type(v) + ", not an object");
        }
        return v;
    }

    /** An optional object: missing or null is an empty one. */
    static JsonNode optObject(JsonNode parent, String key, String parentPath) {
        JsonNode v = parent.get(key);
        return v == null || v.isNull() ? JSON.createObjectNode() : object(parent, key, parentPath);
    }

    /** Required, non-blank text (a number is read as its text: ids are sometimes numbers). */
    static String text(JsonNode parent, String key, String parentPath) {
        String v = optText(parent, key, parentPath);
        if (v == null) {
            throw Refusal.missing(path(parentPath, key));
        }
        return v;
    }

    /** Optional text; blank is absent. */
    static String optText(JsonNode parent, String key, String parentPath) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw Refusal.field(path(parentPath, key), shown(v), "is " + type(v) + ", not a text");
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    /** Optional text matching {@code rule} ({@code what} names the rule in the refusal). */
    static String optMatching(JsonNode parent, String key, String parentPath, Pattern rule, String what) {
        return matching(optText(parent, key, parentPath), path(parentPath, key), rule, what);
    }

    static String matching(String value, String where, Pattern rule, String what) {
        if (value != null && !rule.matcher(value).matches()) {
            throw Refusal.field(where, shown(value), "is not " + what);
        }
        return value;
    }

    /** An optional number; {@link Double#NaN} when absent. */
    static double optNumber(JsonNode parent, String key, String parentPath) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw Refusal.field(path(parentPath, key), shown(v), "is not a number");
        }
        return v.asDouble();
    }

    /** An object of text values (Alertmanager's labels, Pub/Sub's attributes); {@code null}/missing is empty. */
    static Map<String, String> strings(JsonNode parent, String key, String parentPath) {
        JsonNode o = optObject(parent, key, parentPath);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String p = path(path(parentPath, key), e.getKey());
            if (!e.getValue().isTextual()) {
                throw Refusal.field(p, shown(e.getValue()), "is " + type(e.getValue()) + ", not a text");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** A value as a refusal shows it: quoted, control characters masked, cut at 60 characters. */
    static String shown(JsonNode v) {
        return shown(v.isTextual() ? v.asText() : v.toString());
    }

    static String shown(String s) {
        return "`" + clip(s, 60) + "`";
    }

    /** Text safe for one line of a message or the history: control characters masked, at most {@code max} characters. */
    static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = CONTROL.matcher(s).replaceAll("?");
        if (one.length() <= max) {
            return one;
        }
        int cut = Character.isHighSurrogate(one.charAt(max - 2)) ? max - 2 : max - 1;
        return one.substring(0, cut) + "…";
    }

    static String type(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not a value";
        };
    }
}

package dev.ringmaster.functions.operate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of an event's fields: a wrong type, an oversized or broken value is an {@link InvalidEvent} naming
 * the field and the value (shortened), so a typo in the console gets an answer instead of a stack trace.
 */
final class EventFields {
    /** How much of a bad value a refusal repeats. */
    private static final int SHOWN = 60;

    private final JsonNode node;
    private final String path;

    EventFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** A text field, absent when missing or null; at most {@code max} characters. */
    Optional<String> text(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidEvent(name(field) + ": " + shown(v) + " is " + type(v) + ", not text");
        }
        return Optional.of(checked(name(field), v.textValue(), max));
    }

    /** A true/false field; absent or null is false. */
    boolean flag(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidEvent(name(field) + ": " + shown(v) + " must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of text; absent or null is empty. */
    List<String> texts(String field, int maxItems, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidEvent(name(field) + ": " + shown(v) + " is " + type(v) + ", not a list of text");
        }
        if (v.size() > maxItems) {
            throw new InvalidEvent(name(field) + ": " + v.size() + " items; at most " + maxItems);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw new InvalidEvent(name(field) + "[" + i + "]: " + shown(item) + " is " + type(item) + ", not text");
            }
            out.add(checked(name(field) + "[" + i + "]", item.textValue(), max));
        }
        return out;
    }

    /** An object field, absent when missing or null. */
    Optional<JsonNode> object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new InvalidEvent(name(field) + ": " + shown(v) + " is " + type(v) + ", not an object");
        }
        return Optional.of(v);
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /**
     * Longer than {@code max}, or with half of a UTF-16 pair (a "\ud800" escape): DynamoDB keeps a history entry
     * under 400 KB and stores only whole characters, so both are refused here rather than failing the write.
     */
    private static String checked(String field, String s, int max) {
        if (s.length() > max) {
            throw new InvalidEvent(field + ": " + s.length() + " characters; at most " + max);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidEvent(field + ": a broken character (half of a UTF-16 pair) at position " + i);
            }
        }
        return s;
    }

    /** A value as a refusal repeats it: JSON, cut to a few dozen characters. */
    static String shown(JsonNode v) {
        String s = v.isTextual() ? "'" + v.textValue() + "'" : v.toString();
        return shown(s);
    }

    /** Whole characters only: half of a UTF-16 pair would break the JSON answer, so it shows as U+FFFD. */
    static String shown(String s) {
        return shown(s, SHOWN);
    }

    static String shown(String s, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (int n = 0; i < s.length() && n < max; n++) {
            int c = s.codePointAt(i);
            out.appendCodePoint(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? 0xFFFD : c);
            i += Character.charCount(c);
        }
        return i < s.length() ? out + "… (" + s.length() + " characters)" : out.toString();
    }

    static String type(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case STRING -> "text";
            case BINARY -> "binary";
            case NULL, MISSING -> "null";
        };
    }
}

package dev.ringmaster.adapters.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as a plain attribute map, written and read by hand (no reflection, so the native image needs no
 * registration). A null value is an absent attribute, never an empty one, so nulls round-trip and
 * {@code attribute_not_exists} conditions see them. Instants are ISO-8601 strings: exact to the nanosecond
 * and readable in the console.
 */
final class Item {
    private final Map<String, AttributeValue> values;

    private Item(Map<String, AttributeValue> values) {
        this.values = values;
    }

    static Item keyed(Map<String, AttributeValue> key) {
        return new Item(new HashMap<>(key));
    }

    static Item of(Map<String, AttributeValue> values) {
        return new Item(values);
    }

    Item with(String name, String value) {
        if (value != null) {
            values.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    Item with(String name, long value) {
        values.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    Item with(String name, boolean value) {
        values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    Item with(String name, Instant value) {
        return with(name, value == null ? null : value.toString());
    }

    /** An empty or absent list is no attribute at all, like a null string. */
    Item with(String name, List<String> value) {
        if (value != null && !value.isEmpty()) {
            values.put(name, AttributeValue.fromL(value.stream().map(AttributeValue::fromS).toList()));
        }
        return this;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name) {
        AttributeValue value = values.get(name);
        return value == null ? null : value.s();
    }

    long number(String name) {
        return Long.parseLong(values.get(name).n());
    }

    int integer(String name) {
        return Math.toIntExact(number(name));
    }

    boolean bool(String name) {
        return values.get(name).bool();
    }

    Instant instant(String name) {
        String value = string(name);
        return value == null ? null : Instant.parse(value);
    }

    List<String> strings(String name) {
        AttributeValue value = values.get(name);
        return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    Map<String, AttributeValue> map() {
        return values;
    }
}

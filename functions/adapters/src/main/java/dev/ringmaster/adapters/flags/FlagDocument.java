package dev.ringmaster.adapters.flags;

import java.util.Map;
import java.util.Optional;

/**
 * One flag document as read from its store, changed in memory and written back whole. Flag names are dotted
 * paths ({@code canary.cohorts.beta.enabled}); each store keeps them in its own shape.
 */
interface FlagDocument {

    /**
     * Sets every value (true/false, a number, or a version string) or, when one cannot be held, none: throws
     * {@link dev.ringmaster.core.port.RolloutTarget.Refused} naming the flag. True when the document changed.
     */
    boolean set(Map<String, Object> values);

    /** A value by its dotted path: Boolean, Double or String; empty when absent. */
    Optional<Object> value(String path);

    /** The cohorts under a feature-flag target's flag (seed 004), in document order. */
    Map<String, Cohort> cohorts(String flag);

    /** The whole document as the store keeps it. */
    byte[] bytes();

    /** A stored value as {@link #value} gives it: Boolean, Double or String; empty for anything else. */
    static Optional<Object> scalar(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isNumber()) {
            return Optional.of(node.doubleValue());
        }
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** A document tree as the store keeps it, written by {@code json}. */
    static byte[] bytes(com.fasterxml.jackson.databind.ObjectMapper json, com.fasterxml.jackson.databind.JsonNode root) {
        try {
            return json.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** One cohort: on or off, at a percentage or none. */
    record Cohort(boolean enabled, Double percentage) {
    }
}

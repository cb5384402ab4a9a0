package dev.ringmaster.core.plan;

import java.util.Map;

/** Where phase {@code flags} are written when the target is not itself a feature flag. */
public record FlagStore(String provider, Map<String, Object> keys) {
    public static final java.util.List<String> PROVIDERS = java.util.List.of("appconfig", "json");

    public FlagStore {
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }
}

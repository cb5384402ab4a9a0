package dev.ringmaster.core.plan;

import java.util.Map;

/** Where phase {@code flags} are written when the target is not itself a feature flag. */
public record FlagStore(String provider, Map<String, Object> keys) {
    public FlagStore {
        keys = Map.copyOf(keys);
    }
}

package dev.ringmaster.core.plan;

import java.util.List;
import java.util.Map;

/** A target and its keys, as written in the plan (CONTRACTS.md §1.2). */
public record Target(TargetType type, Map<String, Object> keys) {
    public Target {
        // Declaration order, not Map.copyOf's per-JVM order: iteration must be the same in every run.
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }

    public String key(String name) {
        Object v = keys.get(name);
        return v == null ? null : v.toString();
    }

    /** The list under a key, or the single value under its singular twin ({@code betaGroups} / {@code betaGroup}). */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object v = keys.get(name);
        if (v instanceof List<?> l) {
            return l.stream().map(Object::toString).toList();
        }
        return v == null ? List.of() : List.of(v.toString());
    }

    /** This target with one more key: what the history knows and the plan does not (a ring's last good digest). */
    public Target with(String key, Object value) {
        java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(keys);
        more.put(key, value);
        return new Target(type, more);
    }

    public String describe() {
        return switch (type) {
            case GOOGLE_PLAY -> "google-play " + key("packageName") + " " + key("track");
            case APP_STORE -> "app-store " + key("appId") + " " + key("versionString");
            case TESTFLIGHT -> "testflight " + String.join(",", keys.containsKey("betaGroups") ? list("betaGroups") : list("betaGroup"));
            case APP_REVIEW -> "app-review " + key("appId") + " " + key("versionString");
            case FEATURE_FLAG -> "flag " + key("flag") + " (" + key("provider") + ")";
            case CONTAINER_RING -> "ring tag " + key("registry") + "/" + key("repository");
            case MANUAL -> "manual";
        };
    }
}

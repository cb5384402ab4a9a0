package dev.ringmaster.core.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where an audience change is applied, with the keys each type takes (CONTRACTS.md §1.2). */
public enum TargetType {
    GOOGLE_PLAY("google-play", List.of("packageName", "track", "versionCodes"), List.of("releaseName")),
    APP_STORE("app-store", List.of("appId", "versionString"), List.of("platform")),
    TESTFLIGHT("testflight", List.of("appId"), List.of("betaGroup", "betaGroups", "whatToTest")),
    APP_REVIEW("app-review", List.of("appId", "versionString"), List.of("platform")),
    FEATURE_FLAG("feature-flag", List.of("provider", "flag"), List.of("application", "environment", "profile", "url")),
    CONTAINER_RING("container-ring", List.of("registry", "repository"), List.of("build", "ringTag", "labelPrefix")),
    MANUAL("manual", List.of(), List.of());

    public final String key;
    public final List<String> required;
    public final List<String> optional;

    TargetType(String key, List<String> required, List<String> optional) {
        this.key = key;
        this.required = required;
        this.optional = optional;
    }

    public static Optional<TargetType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(t -> t.key).toList();
    }
}

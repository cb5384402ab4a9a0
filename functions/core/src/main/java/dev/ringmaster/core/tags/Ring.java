package dev.ringmaster.core.tags;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Seed 001's branch → deployment ring map; a pattern ending in '*' matches any branch starting with the rest. */
public enum Ring {
    DEV("dev", "dev", "develop"),
    STAGING("staging", "dev-staging"),
    RING_0("ring-0", "ring-0*"),
    RING_1("ring-1", "ring-1*"),
    RING_2("ring-2", "ring-2"),
    PRODUCTION("production", "main");

    /** The ring's name in tags ("staging-pr-456-latest") and labels. */
    public final String key;
    public final List<String> branches;

    Ring(String key, String... branches) {
        this.key = key;
        this.branches = List.of(branches);
    }

    public static Optional<Ring> forBranch(String branch) {
        return Arrays.stream(values()).filter(r -> r.branches.stream().anyMatch(p -> matches(p, branch))).findFirst();
    }

    /** "dev, develop, dev-staging, ring-0*, ring-1*, ring-2, main", for messages about unmapped branches. */
    public static String describeMap() {
        return Arrays.stream(values()).flatMap(r -> r.branches.stream()).collect(Collectors.joining(", "));
    }

    private static boolean matches(String pattern, String branch) {
        return pattern.endsWith("*") ? branch.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(branch);
    }
}

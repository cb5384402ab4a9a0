package dev.ringmaster.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** A {@code target} (spec or phase) and {@code spec.flagStore}, with the keys each type needs. */
final class TargetReader {

    private TargetReader() {
    }

    static Optional<Target> read(Node node, String path, Problems problems) {
        if (node == null) {
            return Optional.empty();
        }
        Fields probe = Fields.of(node, path, problems, List.of("type"));
        Optional<String> typeName = probe.string("type", true);
        if (typeName.isEmpty()) {
            return Optional.empty();
        }
        Optional<TargetType> type = TargetType.of(typeName.get());
        if (type.isEmpty()) {
            probe.error("type", "unknown target type '" + typeName.get() + "'" + Suggest.hint(typeName.get(), TargetType.keys())
                    + "; one of " + String.join(", ", TargetType.keys()));
            return Optional.empty();
        }
        TargetType t = type.get();
        List<String> known = new ArrayList<>(List.of("type"));
        known.addAll(t.required);
        known.addAll(t.optional);
        Fields f = probe.withKnown(known);
        f.rejectUnknown();
        Map<String, Object> keys = new LinkedHashMap<>();
        f.entries().forEach((k, v) -> {
            if (!k.equals("type")) {
                keys.put(k, Fields.plain(v));
            }
        });
        int before = problems.size();
        for (String required : t.required) {
            if (!f.has(required)) {
                problems.add(node, f.child(required), "a " + t.key + " target needs '" + required + "'");
            }
        }
        switch (t) {
            case GOOGLE_PLAY -> checkVersionCodes(f, problems);
            case TESTFLIGHT -> {
                if (!f.has("betaGroup") && !f.has("betaGroups")) {
                    problems.add(node, f.child("betaGroups"), "a testflight target needs 'betaGroup' or 'betaGroups'");
                }
            }
            case APP_STORE, APP_REVIEW -> f.string("platform", false).filter(p -> !List.of("IOS", "MAC_OS", "TV_OS", "VISION_OS").contains(p))
                    .ifPresent(p -> f.error("platform", "unknown platform '" + p + "'; one of IOS, MAC_OS, TV_OS, VISION_OS"));
            case FEATURE_FLAG -> checkFlagProvider(f, problems, true);
            // Seed 001's labels are com.aitherzero.*: the prefix is the project's reverse-DNS name.
            case CONTAINER_RING -> {
                checkRingKeys(f);
                f.string("labelPrefix", false).filter(p -> !dev.ringmaster.core.tags.ImageMetadata.PREFIX.matcher(p).matches())
                    .ifPresent(p -> f.error("labelPrefix", "label prefix '" + p + "' must be a reverse-DNS name like com.aitherzero"
                            + " (lowercase letters, digits, '-', dot-separated, at least two parts)"));
            }
            default -> {
            }
        }
        return problems.size() == before ? Optional.of(new Target(t, keys)) : Optional.empty();
    }

    static Optional<FlagStore> readFlagStore(Node node, String path, Problems problems) {
        if (node == null) {
            return Optional.empty();
        }
        Fields f = Fields.of(node, path, problems, List.of("provider", "url", "application", "environment", "profile"));
        f.rejectUnknown();
        int before = problems.size();
        checkFlagProvider(f, problems, false);
        if (problems.size() != before) {
            return Optional.empty();
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        f.entries().forEach((k, v) -> keys.put(k, Fields.plain(v)));
        return Optional.of(new FlagStore(f.string("provider", false).orElse("json"), keys));
    }

    private static void checkFlagProvider(Fields f, Problems problems, boolean needsFlag) {
        Optional<String> provider = f.string("provider", true);
        if (provider.isEmpty()) {
            return;
        }
        if (!FlagStore.PROVIDERS.contains(provider.get())) {
            f.error("provider", "unknown flag provider '" + provider.get() + "'" + Suggest.hint(provider.get(), FlagStore.PROVIDERS)
                    + "; one of appconfig, json");
            return;
        }
        if (provider.get().equals("appconfig")) {
            for (String k : List.of("application", "environment", "profile")) {
                if (!f.has(k)) {
                    problems.add(f.node(), f.child(k), "the appconfig flag provider needs '" + k + "'");
                }
            }
        } else {
            f.string("url", true).filter(u -> !u.startsWith("s3://") && !u.startsWith("file:"))
                    .ifPresent(u -> f.error("url", "flag document url '" + u + "' must start with s3:// or file:"));
        }
        if (needsFlag && !f.has("flag")) {
            problems.add(f.node(), f.child("flag"), "a feature-flag target needs 'flag'");
        }
    }

    /** Seed 001 / CONTRACTS §6: {@code build} is {digest: sha256:…} or {tag: …}; {@code ringTag} names the ring's tag. */
    private static void checkRingKeys(Fields f) {
        Object build = f.has("build") ? Fields.plain(f.get("build")) : null;
        if (build != null) {
            if (!(build instanceof Map<?, ?> m) || m.size() != 1 || !(m.containsKey("digest") || m.containsKey("tag"))) {
                f.error("build", "build '" + build + "' must be {digest: sha256:…} or {tag: …}");
            } else if (m.get("digest") != null && !String.valueOf(m.get("digest")).matches("sha256:[0-9a-f]{64}")) {
                f.error("build", "digest '" + m.get("digest") + "' must be sha256: and 64 lowercase hex digits");
            } else if (m.get("tag") != null && !String.valueOf(m.get("tag")).matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")) {
                f.error("build", "tag '" + m.get("tag") + "' is not a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})");
            }
        }
        f.string("ringTag", false).filter(t -> !t.contains("{ring}") || !t.replace("{ring}", "ring").matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}"))
                .ifPresent(t -> f.error("ringTag", "ring tag '" + t + "' must contain {ring} and otherwise be a valid OCI tag, like {ring}-latest"));
    }

    private static void checkVersionCodes(Fields f, Problems problems) {
        Node codes = f.get("versionCodes");
        if (codes == null) {
            return;
        }
        Object v = Fields.plain(codes);
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        if (list.isEmpty()) {
            f.error("versionCodes", "needs at least one version code");
        }
        for (Object code : list) {
            if (!(code instanceof Long n) || n < 1) {
                f.error("versionCodes", "version code '" + code + "' must be a positive whole number");
            }
        }
    }
}

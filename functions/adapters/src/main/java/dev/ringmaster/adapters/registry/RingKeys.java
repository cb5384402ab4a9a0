package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container-ring target's keys (CONTRACTS §6): {@code registry}, {@code repository}, the build to release
 * ({@code build: {digest}} or {@code {tag}}, else the version as a tag), the {@code ringTag} pattern and, on a
 * rollback, the {@code lastGood} digest the core recorded when the rollout first moved the ring's tag.
 *
 * @param build    a digest or a tag; null when only listing ring tags
 * @param lastGood null when the core recorded none
 */
record RingKeys(String registry, String repository, String build, String ringTag, String lastGood) {
    static final String DEFAULT_RING_TAG = "{ring}-latest";

    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** OCI distribution spec's repository name: lowercase path components, so a name can never escape its path. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final String RING_NAME = "[A-Za-z0-9_][A-Za-z0-9._-]*";

    static RingKeys of(Target target, String version) {
        Object build = target.keys().get("build");
        String reference;
        if (build == null) {
            if (version == null || !TAG.matcher(version).matches()) {
                throw new Refused("version '" + version + "' is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127}): give the "
                        + target.describe() + " target build: {digest: sha256:…} or {tag: …}");
            }
            reference = version;
        } else if (build instanceof Map<?, ?> m && m.get("digest") != null) {
            reference = String.valueOf(m.get("digest"));
            if (!DIGEST.matcher(reference).matches()) {
                throw new Refused("build digest '" + reference + "' must be sha256: and 64 lowercase hex digits");
            }
        } else if (build instanceof Map<?, ?> m && m.get("tag") != null) {
            reference = String.valueOf(m.get("tag"));
            if (!TAG.matcher(reference).matches()) {
                throw new Refused("build tag '" + reference + "' is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})");
            }
        } else {
            throw new Refused("build '" + build + "' must be {digest: sha256:…} or {tag: …}");
        }
        String lastGood = target.key("lastGood");
        if (lastGood != null && !DIGEST.matcher(lastGood).matches()) {
            throw new Refused("last good digest '" + lastGood + "' must be sha256: and 64 lowercase hex digits");
        }
        return listing(target).with(reference, lastGood);
    }

    /** The target's registry, repository and ring tag, with no build in mind (a halt moves nothing). */
    static RingKeys listing(Target target) {
        return listing(target.key("registry"), target.key("repository"), target.key("ringTag"));
    }

    /** Keys for reading a repository's ring tags, with no build in mind ({@code ringmaster rings}). */
    static RingKeys listing(String registry, String repository, String ringTag) {
        if (registry == null || registry.isBlank()) {
            throw new Refused("a container-ring target needs 'registry' (host[:port], like ghcr.io)");
        }
        if (repository == null || !NAME.matcher(repository).matches()) {
            throw new Refused("repository '" + repository + "' is not a valid repository name (lowercase path components, like wizzense/aitherzero)");
        }
        String pattern = ringTag == null ? DEFAULT_RING_TAG : ringTag;
        if (!pattern.contains("{ring}") || !TAG.matcher(pattern.replace("{ring}", "ring")).matches()) {
            throw new Refused("ring tag '" + pattern + "' must contain {ring} and otherwise be a valid image tag, like {ring}-latest");
        }
        return new RingKeys(registry.strip(), repository, null, pattern, null);
    }

    private RingKeys with(String build, String lastGood) {
        return new RingKeys(registry, repository, build, ringTag, lastGood);
    }

    boolean byDigest() {
        return DIGEST.matcher(build).matches();
    }

    /** The phase's ring tag: {@code {ring}} replaced by the phase's ring. */
    String tagFor(Phase phase) {
        if (phase.ring() == null) {
            throw new Refused("phase " + phase.name() + " has no ring: a container-ring phase needs one (like ring: ring-0)");
        }
        String tag = ringTag.replace("{ring}", phase.ring());
        if (!TAG.matcher(tag).matches()) {
            throw new Refused("ring " + phase.ring() + " makes ring tag '" + tag + "', which is not a valid image tag");
        }
        return tag;
    }

    /** The ring a tag belongs to, when it matches the ring tag pattern ({@code ring-1-latest} → {@code ring-1}). */
    Optional<String> ringOf(String tag) {
        Matcher m = pattern().matcher(tag);
        return m.matches() ? Optional.of(m.group("ring")) : Optional.empty();
    }

    private Pattern pattern() {
        String[] parts = ringTag.split("\\{ring}", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append(i == 1 ? "(?<ring>" + RING_NAME + ")" : "\\k<ring>").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    String describe() {
        return registry + "/" + repository;
    }
}

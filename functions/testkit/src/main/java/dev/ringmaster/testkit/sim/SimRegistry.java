package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container registry's ring tags (REFERENCE-targets §6/§7): per registry/repository, tag → digest.
 * Entering a ring retags it to the version's digest and remembers the digest it had as the ring's last
 * good one, which a rollback puts back. A version's digest is the SHA-256 of its name, so every run agrees.
 */
public final class SimRegistry implements RolloutTarget {
    private final CallLog log;
    /** "registry/repository" → tag → digest */
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    /** "registry/repository" → tag → the digest the tag had before its last retag */
    private final Map<String, Map<String, String>> lastGood = new HashMap<>();

    public SimRegistry(Clock clock) {
        this.log = new CallLog(clock);
    }

    public static String digestOf(String version) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(version.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        String ring = ring(target, phase, "enter", version);
        String digest = digestOf(version);
        Map<String, String> repoTags = tagsOf(target);
        String current = repoTags.get(ring);
        // re-entering must not make the version its own last good digest
        if (!digest.equals(current)) {
            if (current != null) {
                lastGoodOf(target).put(ring, current);
            }
            repoTags.put(ring, digest);
        }
        log.accepted("enter", repo(target) + ":" + ring + " → " + digest + " (" + version + ")"
                + (current == null || current.equals(digest) ? "" : ", last good " + current));
        return new TargetState(digest, Double.NaN, ring + " → " + digest, current == null || current.equals(digest) ? null : current);
    }

    /** A tag cannot turn users away: the ring keeps the version and the next ring is simply not tagged. */
    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        String ring = ring(target, phase, "halt", version);
        String note = "a ring tag cannot be halted: " + ring + " keeps its digest and no further ring is tagged";
        log.accepted("halt", repo(target) + ":" + ring + ": " + note);
        return new TargetState(tagsOf(target).getOrDefault(ring, "untagged"), Double.NaN, note);
    }

    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        String ring = ring(target, phase, "rollback", version);
        String digest = digestOf(version);
        Map<String, String> repoTags = tagsOf(target);
        if (!digest.equals(repoTags.get(ring))) {
            String state = repoTags.getOrDefault(ring, "untagged");
            log.accepted("rollback", repo(target) + ":" + ring + " does not serve " + version + " (" + state + "): nothing to do");
            return new TargetState(state, Double.NaN, ring + " does not serve " + version);
        }
        String good = lastGoodOf(target).get(ring);
        if (good == null) {
            throw log.refuse("rollback", repo(target) + ":" + ring + " " + version, "no earlier digest for ring " + ring);
        }
        repoTags.put(ring, good);
        log.accepted("rollback", repo(target) + ":" + ring + " → " + good + " (last good, was " + digest + ")");
        return new TargetState(good, Double.NaN, ring + " back to " + good);
    }

    /** Rings are tagged phase by phase, the last of them being everyone: completing moves no tag. */
    @Override
    public synchronized TargetState complete(Target target, String version) {
        String note = "the last ring's tag is the release to everyone; no tag moves";
        log.accepted("complete", repo(target) + " " + version + ": " + note);
        return observed(target, version, note);
    }

    /** The tick's check of the live phase reads; it is not a call to log. */
    @Override
    public synchronized TargetState hold(Target target, Phase phase, String version) {
        return log.quietly(() -> observe(target, version));
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        TargetState state = observed(target, version, "");
        log.accepted("observe", repo(target) + " " + version + ": " + state.detail());
        return state;
    }

    /** The ring tag already serves {@code version}, as before a rollout: its last good digest once the rollout retags it. */
    public synchronized void serve(Target target, String ring, String version) {
        tagsOf(target).put(ring, digestOf(version));
    }

    public synchronized Optional<String> digest(String registry, String repository, String tag) {
        return Optional.ofNullable(tags.getOrDefault(registry + "/" + repository, Map.of()).get(tag));
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private TargetState observed(Target target, String version, String note) {
        String digest = digestOf(version);
        List<String> rings = new TreeMap<>(tagsOf(target)).entrySet().stream()
                .filter(e -> e.getValue().equals(digest)).map(Map.Entry::getKey).toList();
        String detail = (rings.isEmpty() ? "no ring serves " + version : "rings " + String.join(", ", rings) + " → " + digest)
                + (note.isEmpty() ? "" : "; " + note);
        return new TargetState(rings.isEmpty() ? "untagged" : digest, Double.NaN, detail);
    }

    private String ring(Target target, Phase phase, String operation, String version) {
        if (phase.ring() == null) {
            throw log.refuse(operation, repo(target) + " " + version + " " + phase.audience(), "a container-ring phase needs a ring");
        }
        return phase.ring();
    }

    private Map<String, String> tagsOf(Target target) {
        return tags.computeIfAbsent(repo(target), k -> new HashMap<>());
    }

    private Map<String, String> lastGoodOf(Target target) {
        return lastGood.computeIfAbsent(repo(target), k -> new HashMap<>());
    }

    private static String repo(Target target) {
        return target.key("registry") + "/" + target.key("repository");
    }
}

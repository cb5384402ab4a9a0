package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import java.util.Optional;

/**
 * What each rollout call means for a ring tag, whatever registry holds it (the real twin of the testkit's
 * SimRegistry). Entering a ring points its tag at the build's digest and reports the digest it had as
 * {@link TargetState#previous}, which the core records and hands back as {@code lastGood} for a rollback.
 */
final class Retagging {
    private final ImageRepository repository;
    private final RingKeys keys;

    Retagging(ImageRepository repository, RingKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    TargetState enter(Phase phase, String version) {
        String tag = keys.tagFor(phase);
        Manifest build = repository.manifest(keys.build());
        Optional<String> before = repository.digest(tag);
        // Already there (a retried tick, a resume): no PUT, and never the build as its own last good digest.
        if (before.isPresent() && before.get().equals(build.digest())) {
            return new TargetState(build.digest(), Double.NaN, tag + " → " + build.digest() + " (already serves " + version + ")");
        }
        repository.tag(build, tag);
        return new TargetState(build.digest(), Double.NaN, tag + " → " + build.digest() + " (" + version + ", was "
                + before.orElse("untagged") + ")", before.orElse(null));
    }

    /** A tag cannot turn users away: the ring keeps the build and the next ring is simply not tagged. No call is made. */
    static TargetState halt(RingKeys keys, Phase phase) {
        String tag = keys.tagFor(phase);
        return new TargetState("unchanged", Double.NaN, "a ring tag cannot be halted: " + tag
                + " keeps its digest and no further ring is tagged");
    }

    TargetState rollback(Phase phase, String version) {
        String tag = keys.tagFor(phase);
        String build = buildDigest();
        Optional<String> now = repository.digest(tag);
        if (now.isEmpty() || !now.get().equals(build)) {
            String state = now.orElse("untagged");
            return new TargetState(state, Double.NaN, tag + " does not serve " + version + " (" + build + "; it is " + state
                    + "): nothing to do");
        }
        if (keys.lastGood() == null) {
            throw new Refused("no last good digest recorded for ring " + phase.ring() + "; " + keys.describe() + ":" + tag
                    + " serves " + version + " (" + build + ") and the rollout never moved it from an earlier build: retag it by hand");
        }
        Manifest good = repository.manifest(keys.lastGood());
        repository.tag(good, tag);
        return new TargetState(good.digest(), Double.NaN, tag + " back to " + good.digest() + " (last good, was " + build + ")");
    }

    /**
     * Every tick: the live ring's tag still points at the build. Anything else is a retag made by hand (or by another
     * pipeline), which ringmaster reports and does not undo.
     */
    TargetState hold(Phase phase, String version) {
        String tag = keys.tagFor(phase);
        String build = buildDigest();
        Optional<String> now = repository.digest(tag);
        if (now.isEmpty() || !now.get().equals(build)) {
            throw new RolloutTarget.ChangedByHand(keys.describe() + ":" + tag + " points at " + now.orElse("nothing") + ", not at "
                    + version + " (" + build + "): retagged by hand");
        }
        return new TargetState(build, Double.NaN, tag + " → " + build);
    }

    /** Rings are tagged phase by phase, the last of them being everyone: completing moves no tag. */
    TargetState complete(String version) {
        return observed(version, "; the last ring's tag is the release to everyone, no tag moves");
    }

    TargetState observe(String version) {
        return observed(version, "");
    }

    private TargetState observed(String version, String note) {
        String build = buildDigest();
        List<String> serving = repository.ringTags(keys).stream().filter(r -> r.digest().equals(build)).map(RingTag::tag).toList();
        if (serving.isEmpty()) {
            return new TargetState("untagged", Double.NaN, "no ring serves " + version + " (" + build + ")" + note);
        }
        return new TargetState(build, Double.NaN, "rings " + String.join(", ", serving) + " → " + build + note);
    }

    private String buildDigest() {
        return keys.byDigest() ? keys.build() : repository.manifest(keys.build()).digest();
    }
}

package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;

/** A container-ring target over one kind of registry: the ring tag moves are the same, only the repository differs. */
abstract class RingTagTarget implements RolloutTarget {

    /** The repository the keys name, reached the way this registry is. */
    abstract ImageRepository repository(RingKeys keys);

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        return retagging(RingKeys.of(target, version)).enter(phase, version);
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        return Retagging.halt(RingKeys.listing(target), phase);
    }

    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        return retagging(RingKeys.of(target, version)).rollback(phase, version);
    }

    @Override
    public TargetState complete(Target target, String version) {
        return retagging(RingKeys.of(target, version)).complete(version);
    }

    @Override
    public TargetState observe(Target target, String version) {
        return retagging(RingKeys.of(target, version)).observe(version);
    }

    /** A ring phase's tag must still point at the build (a retag by hand is reported); other phases only observe. */
    @Override
    public TargetState hold(Target target, Phase phase, String version) {
        return phase.ring() == null ? observe(target, version) : retagging(RingKeys.of(target, version)).hold(phase, version);
    }

    /** The repository's ring tags and their digests, ordered by tag ({@code ringmaster rings}). */
    public List<RingTag> ringTags(String registry, String repository, String ringTag) {
        RingKeys keys = RingKeys.listing(registry, repository, ringTag);
        return repository(keys).ringTags(keys);
    }

    private Retagging retagging(RingKeys keys) {
        return new Retagging(repository(keys), keys);
    }
}

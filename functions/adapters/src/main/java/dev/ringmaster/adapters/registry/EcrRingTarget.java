package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Target type {@code container-ring} on Amazon ECR ({@code *.dkr.ecr.<region>.amazonaws.com}): a ring's tag is
 * moved with BatchGetImage → PutImage of the same manifest (REFERENCE-targets §7, AWS "Retagging an image").
 * Signed API calls, not the registry's Docker endpoint, so no registry login is needed.
 */
public final class EcrRingTarget implements RolloutTarget {
    private final Function<String, EcrClient> clients;

    /** @param clients the ECR client for a region (the registry host's, eu-west-1 in {@code …dkr.ecr.eu-west-1…}) */
    public EcrRingTarget(Function<String, EcrClient> clients) {
        this.clients = clients;
    }

    /** Whether a registry key names an ECR registry. */
    public static boolean handles(String registry) {
        return registry != null && EcrRegistry.of(registry).isPresent();
    }

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

    /** The repository's ring tags and their digests, ordered by tag ({@code ringmaster rings}). */
    public List<RingTag> ringTags(String registry, String repository, String ringTag) {
        RingKeys keys = RingKeys.listing(registry, repository, ringTag);
        return repository(keys).ringTags(keys);
    }

    private Retagging retagging(RingKeys keys) {
        return new Retagging(repository(keys), keys);
    }

    private EcrRepository repository(RingKeys keys) {
        EcrRegistry registry = EcrRegistry.of(keys.registry()).orElseThrow(() -> new Refused("registry '" + keys.registry()
                + "' is not an Amazon ECR registry (<account>.dkr.ecr.<region>.amazonaws.com)"));
        return new EcrRepository(clients.apply(registry.region()), registry, keys);
    }
}

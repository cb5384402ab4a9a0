package dev.ringmaster.adapters.registry;

import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Target type {@code container-ring} on Amazon ECR ({@code *.dkr.ecr.<region>.amazonaws.com}): a ring's tag is
 * moved with BatchGetImage → PutImage of the same manifest (REFERENCE-targets §7, AWS "Retagging an image").
 * Signed API calls, not the registry's Docker endpoint, so no registry login is needed.
 */
public final class EcrRingTarget extends RingTagTarget {
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
    ImageRepository repository(RingKeys keys) {
        EcrRegistry registry = EcrRegistry.of(keys.registry()).orElseThrow(() -> new Refused("registry '" + keys.registry()
                + "' is not an Amazon ECR registry (<account>.dkr.ecr.<region>.amazonaws.com)"));
        return new EcrRepository(clients.apply(registry.region()), registry, keys);
    }
}

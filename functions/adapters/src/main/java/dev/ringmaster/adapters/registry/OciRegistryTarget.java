package dev.ringmaster.adapters.registry;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Target type {@code container-ring} on an OCI distribution registry (ghcr.io, Docker Hub, a self-hosted
 * registry): a ring's tag is moved by PUTting the build's manifest bytes under it (REFERENCE-targets §6).
 * The registry key is the endpoint: https, or plain http for a loopback registry only.
 */
public final class OciRegistryTarget implements RolloutTarget {
    private final Http http;
    private final RegistryAuth auth;

    /**
     * @param credentials the login for a registry key as written in the plan ({@code ghcr.io}, {@code 127.0.0.1:5000});
     *                    empty for anonymous access
     * @param clock       when cached bearer tokens expire
     */
    public OciRegistryTarget(HttpClient client, Http.Policy policy, Function<String, Optional<RegistryCredentials>> credentials, Clock clock) {
        this.http = new Http(client, policy, "container registry");
        this.auth = new RegistryAuth(http, credentials, clock);
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
        return new OciRepository(http, auth, keys).ringTags(keys);
    }

    private Retagging retagging(RingKeys keys) {
        return new Retagging(new OciRepository(http, auth, keys), keys);
    }
}

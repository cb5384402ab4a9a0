package dev.ringmaster.adapters.registry;

import dev.ringmaster.adapters.http.Http;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Target type {@code container-ring} on an OCI distribution registry (ghcr.io, Docker Hub, a self-hosted
 * registry): a ring's tag is moved by PUTting the build's manifest bytes under it (REFERENCE-targets §6).
 * The registry key is the endpoint: https, or plain http for a loopback registry only.
 */
public final class OciRegistryTarget extends RingTagTarget {
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
    ImageRepository repository(RingKeys keys) {
        return new OciRepository(http, auth, keys);
    }
}

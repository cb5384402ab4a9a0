package dev.ringmaster.adapters.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.registry.RegistryCredentials;
import dev.ringmaster.adapters.secrets.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Registry logins from one reference to a document shaped like Docker's {@code config.json}:
 * {@code {"auths": {"ghcr.io": {"auth": "base64(user:token)"}}}} or {@code {"username", "password"}} per host. Read on
 * first use; a host it does not name is reached anonymously. Errors name the reference and the host, never a value.
 */
final class RegistryLogins implements Function<String, Optional<RegistryCredentials>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Optional<String> reference;
    private final Secrets secrets;
    private JsonNode auths;

    RegistryLogins(Optional<String> reference, Secrets secrets) {
        this.reference = reference.filter(r -> !r.isBlank());
        this.secrets = secrets;
    }

    @Override
    public synchronized Optional<RegistryCredentials> apply(String registry) {
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        JsonNode entry = auths().path(registry.replaceFirst("^https?://", ""));
        if (entry.isMissingNode()) {
            return Optional.empty();
        }
        if (entry.hasNonNull("auth")) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Secrets.Unresolved(reference.get(), "auths." + registry + ".auth is not base64");
            }
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new Secrets.Unresolved(reference.get(), "auths." + registry + ".auth is not base64 of user:password");
            }
            return Optional.of(new RegistryCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
        }
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return Optional.of(new RegistryCredentials(entry.get("username").asText(), entry.get("password").asText()));
        }
        throw new Secrets.Unresolved(reference.get(), "auths." + registry + " needs 'auth' or 'username' and 'password'");
    }

    private JsonNode auths() {
        if (auths == null) {
            try {
                auths = JSON.readTree(secrets.resolve(reference.get())).path("auths");
            } catch (IOException e) {
                throw new Secrets.Unresolved(reference.get(), "not JSON in Docker's config.json shape");
            }
        }
        return auths;
    }
}

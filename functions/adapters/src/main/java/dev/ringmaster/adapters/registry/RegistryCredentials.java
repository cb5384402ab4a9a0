package dev.ringmaster.adapters.registry;

import dev.ringmaster.adapters.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registry login: a user name and a password or access token (a GitHub PAT for ghcr.io). Sent as HTTP Basic to
 * the registry or to its token service; never printed ({@link #toString} hides the secret).
 */
public record RegistryCredentials(String username, String secret) {

    /** The secret read from a credential reference ({@code env:GHCR_TOKEN}, {@code ssm:/…}) through {@code secrets}. */
    public static RegistryCredentials resolve(Secrets secrets, String username, String secretReference) {
        return new RegistryCredentials(username, secrets.resolve(secretReference));
    }

    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", secret=***]";
    }
}

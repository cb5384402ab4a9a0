package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where a registry key points. Credentials and tokens travel in headers, so plain http is allowed only for a
 * loopback registry (a local {@code docker-registry}, a test): every other host is https, and {@code http://} to one
 * is refused rather than quietly upgraded or sent in clear.
 */
final class RegistryEndpoint {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "localhost");

    private RegistryEndpoint() {
    }

    /** {@code ghcr.io} → https://ghcr.io; {@code 127.0.0.1:5000} → http://127.0.0.1:5000; {@code http://ghcr.io} refused. */
    static URI base(String registry) {
        String hostPort = registry;
        String scheme = null;
        if (registry.regionMatches(true, 0, "https://", 0, 8)) {
            scheme = "https";
            hostPort = registry.substring(8);
        } else if (registry.regionMatches(true, 0, "http://", 0, 7)) {
            scheme = "http";
            hostPort = registry.substring(7);
        }
        hostPort = hostPort.endsWith("/") ? hostPort.substring(0, hostPort.length() - 1) : hostPort;
        URI uri;
        try {
            uri = URI.create("//" + hostPort);
        } catch (IllegalArgumentException e) {
            throw new Refused("registry '" + registry + "' is not host[:port]: " + e.getMessage());
        }
        if (uri.getHost() == null || hostPort.contains("/") || uri.getRawUserInfo() != null) {
            throw new Refused("registry '" + registry + "' is not host[:port] (like ghcr.io or 127.0.0.1:5000); the repository is its own key");
        }
        if (scheme == null) {
            scheme = loopback(uri.getHost()) ? "http" : "https";
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new Refused("registry '" + registry + "': plain http is allowed only for a loopback registry (127.0.0.1, ::1, localhost); "
                    + "credentials would travel in clear, use https");
        }
        return URI.create(scheme + "://" + hostPort);
    }

    /** A token service the registry names in its challenge gets credentials too: the same rule applies to it. */
    static URI realm(String realm, String registry) {
        URI uri;
        try {
            uri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new Refused("registry " + registry + " names token service '" + realm + "', which is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && loopback(uri.getHost());
        if (!https && !loopbackHttp) {
            throw new Refused("registry " + registry + " names token service '" + realm
                    + "': only https (or plain http on loopback) may receive credentials");
        }
        return uri;
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return LOOPBACK.contains(h.toLowerCase(Locale.ROOT));
    }
}

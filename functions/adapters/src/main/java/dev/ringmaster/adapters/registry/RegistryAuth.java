package dev.ringmaster.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a registry's 401 challenge (distribution {@code docs/spec/auth/token.md}): {@code Basic} with the
 * configured login, or {@code Bearer realm,service,scope} by asking the token service for
 * {@code repository:<name>:pull,push} (with the login as Basic when there is one, anonymously otherwise). The answer
 * is kept per registry and repository, a token until its {@code expires_in} (60 s when absent), so later calls
 * send it straight away. Tokens never appear in messages.
 */
final class RegistryAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration DEFAULT_TOKEN_LIFE = Duration.ofSeconds(60);

    private record Answer(String authorization, Instant until) {
    }

    private final Http http;
    private final Function<String, Optional<RegistryCredentials>> credentials;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    RegistryAuth(Http http, Function<String, Optional<RegistryCredentials>> credentials, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The Authorization header an earlier challenge taught us for this repository, while it is still good. */
    Optional<String> known(String registry, String repository) {
        Answer a = answers.get(registry + "/" + repository);
        return a != null && clock.instant().isBefore(a.until()) ? Optional.of(a.authorization()) : Optional.empty();
    }

    /** The Authorization header that answers {@code challenge} (a 401's WWW-Authenticate); refused when none can. */
    String answer(String registry, String repository, String challenge) {
        Optional<RegistryCredentials> login = credentials.apply(registry);
        String scheme = challenge.strip().split("\\s+", 2)[0];
        Answer answer;
        if (scheme.equalsIgnoreCase("Bearer")) {
            answer = token(registry, repository, params(challenge), login);
        } else if (scheme.equalsIgnoreCase("Basic")) {
            answer = new Answer(login.orElseThrow(() -> new Refused("registry " + registry + " answered 401 UNAUTHORIZED to "
                    + repository + " and asks for a login (Basic), but no credentials are configured for " + registry)).basic(), Instant.MAX);
        } else {
            throw new Refused("registry " + registry + " answered 401 UNAUTHORIZED to " + repository
                    + (challenge.isBlank() ? " without a WWW-Authenticate challenge" : " with an unsupported challenge scheme '" + scheme + "'"));
        }
        answers.put(registry + "/" + repository, answer);
        return answer.authorization();
    }

    private Answer token(String registry, String repository, Map<String, String> challenge, Optional<RegistryCredentials> login) {
        String realm = challenge.get("realm");
        if (realm == null) {
            throw new Refused("registry " + registry + " asks for a Bearer token but names no realm (token service)");
        }
        URI service = RegistryEndpoint.realm(realm, registry);
        StringBuilder query = new StringBuilder();
        if (challenge.containsKey("service")) {
            query.append("service=").append(encode(challenge.get("service"))).append('&');
        }
        query.append("scope=").append(encode("repository:" + repository + ":pull,push"));
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
        login.ifPresent(l -> request.header("Authorization", l.basic()));
        Instant asked = clock.instant();
        HttpResponse<byte[]> response = http.send(request.build());
        if (response.statusCode() != 200) {
            throw new Refused("token service " + service.getHost() + " for registry " + registry + " refused a token for "
                    + repository + (login.isPresent() ? " with the configured login" : " anonymously") + ": " + RegistryErrors.describe(response));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("token").asText(body.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new Refused("token service " + service.getHost() + " for registry " + registry + " answered without token or access_token");
            }
            long life = body.path("expires_in").asLong(DEFAULT_TOKEN_LIFE.toSeconds());
            return new Answer("Bearer " + token, asked.plusSeconds(life > 0 ? life : DEFAULT_TOKEN_LIFE.toSeconds()));
        } catch (IOException e) {
            throw new Refused("token service " + service.getHost() + " for registry " + registry + " answered a body that is not JSON");
        }
    }

    private static Map<String, String> params(String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        return params;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

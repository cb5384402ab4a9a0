package dev.ringmaster.testkit.standin;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Google's OAuth token endpoint as a Google API stand-in needs it: a generated service-account key (its JSON file with
 * {@code token_uri} pointing at the stand-in), the JWT-bearer grant checked against that key, the account and one
 * scope, and the tokens issued, which the stand-in's API calls must carry until they are revoked.
 */
final class GoogleTokenEndpoint {
    private final KeyPair keys;
    private final String email;
    private final String scope;
    private final String tokenPrefix;
    private final Set<String> tokens = new HashSet<>();
    private long issued;

    GoogleTokenEndpoint(String email, String scope, String tokenPrefix) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            this.keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the stand-in's RSA key", e);
        }
        this.email = email;
        this.scope = scope;
        this.tokenPrefix = tokenPrefix;
    }

    /** A service-account key file for this account whose {@code token_uri} is {@code tokenUri}. */
    String keyJson(String tokenUri, String privateKeyId, String clientId) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "ringmaster-standin");
        key.put("private_key_id", privateKeyId);
        key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        key.put("client_email", email);
        key.put("client_id", clientId);
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", tokenUri);
        key.put("universe_domain", "googleapis.com");
        return Json.write(key);
    }

    /** Whether an {@code Authorization} header carries a token this endpoint issued and did not revoke. */
    synchronized boolean authorized(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") && tokens.contains(authorization.substring(7));
    }

    /** Issued tokens stop working (expired or revoked). */
    synchronized void revoke() {
        tokens.clear();
    }

    /** The JWT-bearer grant: the assertion must be signed by this key, for this account, asking this scope. */
    synchronized ResponseDefinition grant(String form) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type"))) {
            return error("unsupported_grant_type", "Invalid grant_type: " + fields.get("grant_type"));
        }
        String[] jwt = fields.getOrDefault("assertion", "").split("\\.");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                return error("invalid_grant", "Invalid JWT Signature.");
            }
            Map<?, ?> claims = Json.read(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8), Map.class);
            if (!email.equals(claims.get("iss")) || !String.valueOf(claims.get("scope")).contains(scope)) {
                return error("invalid_scope", "Invalid JWT: iss or scope");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return error("invalid_grant", "Invalid JWT Signature.");
        }
        String token = tokenPrefix + (++issued);
        tokens.add(token);
        return json(200, Map.of("access_token", token, "expires_in", 3599, "token_type", "Bearer"));
    }

    private static ResponseDefinition error(String error, String description) {
        return json(400, Map.of("error", error, "error_description", description));
    }

    private static ResponseDefinition json(int status, Object body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(Json.write(body)).build();
    }
}

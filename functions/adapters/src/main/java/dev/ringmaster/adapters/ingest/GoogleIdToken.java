package dev.ringmaster.adapters.ingest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The OIDC token a Pub/Sub push subscription sends (REFERENCE-signals §7): RS256 with a {@code kid} of Google's
 * published keys, issued by Google, for exactly our audience, in date, and for the subscription's service account
 * with a verified email. Google's key set is fetched once and kept (nimbus' cache: refreshed ahead of expiry, and
 * again, rate-limited, when a token names a key it does not hold, as after Google rotates). Claims are judged
 * against the injected clock, not the JVM's. Refusals say which check failed and never quote the token.
 */
final class GoogleIdToken {
    private static final Set<String> ISSUERS = Set.of("accounts.google.com", "https://accounts.google.com");
    /** Clocks differ a little; Google's own libraries allow this much. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    /** A Google ID token is about 1 KB; anything far larger is not one, and is not parsed. */
    private static final int MAX_TOKEN = 8 * 1024;

    private final JWKSource<SecurityContext> keys;

    GoogleIdToken(URI jwks) {
        try {
            // nimbus' default 500 ms is less than a cold start's first TLS handshake can take; a push waits for this
            this.keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(), new DefaultResourceRetriever(3_000, 3_000, 64 * 1024))
                    .retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(IngressConfig.JWKS_VARIABLE + " '" + jwks + "' is not a URL");
        }
    }

    void verify(String token, String audience, String email, Instant now) {
        if (token.length() > MAX_TOKEN) {
            throw Refusal.unauthorized("the bearer token is longer than " + MAX_TOKEN + " characters: not a Google ID token");
        }
        SignedJWT jwt = signed(token);
        RSAKey key = key(jwt.getHeader().getKeyID());
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw Refusal.unauthorized("the bearer token's signature does not verify with Google's key " + key.getKeyID());
            }
        } catch (JOSEException e) {
            throw Refusal.unauthorized("the bearer token's signature cannot be checked with Google's key " + key.getKeyID());
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw Refusal.unauthorized("the bearer token's claims cannot be read");
        }
        claims(claims, audience, email, now);
    }

    private static SignedJWT signed(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw Refusal.unauthorized("the bearer token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw Refusal.unauthorized("the bearer token is unsigned (alg none): refused");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw Refusal.unauthorized("the bearer token is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            throw Refusal.unauthorized("the bearer token is signed with " + Fields.clip(signed.getHeader().getAlgorithm().getName(), 20)
                    + ", not RS256 as Google signs");
        }
        if (signed.getHeader().getKeyID() == null) {
            throw Refusal.unauthorized("the bearer token names no key (kid)");
        }
        return signed;
    }

    private RSAKey key(String kid) {
        JWKSelector selector = new JWKSelector(new JWKMatcher.Builder().keyType(KeyType.RSA).keyID(kid)
                .keyUses(KeyUse.SIGNATURE, null).algorithms(JWSAlgorithm.RS256, null).build());
        List<JWK> found;
        try {
            found = keys.get(selector, null);
        } catch (RateLimitReachedException e) {
            found = List.of();
        } catch (KeySourceException e) {
            throw new Refusal(503, "cannot fetch Google's signing keys now: try again");
        }
        if (found.isEmpty()) {
            throw Refusal.unauthorized("the bearer token's key (kid) is not one of Google's: signed by someone else");
        }
        return (RSAKey) found.get(0);
    }

    private static void claims(JWTClaimsSet c, String audience, String email, Instant now) {
        if (c.getIssuer() == null || !ISSUERS.contains(c.getIssuer())) {
            throw Refusal.unauthorized("the bearer token was not issued by Google (iss is not https://accounts.google.com)");
        }
        if (!List.of(audience).equals(c.getAudience())) {
            throw Refusal.unauthorized("the bearer token's audience (aud) is not the one in " + IngressConfig.AUDIENCE_VARIABLE);
        }
        Instant exp = instant(c.getExpirationTime());
        if (exp == null || !now.isBefore(exp.plus(SKEW))) {
            throw Refusal.unauthorized(exp == null ? "the bearer token has no expiry (exp)" : "the bearer token expired at " + exp);
        }
        Instant iat = instant(c.getIssueTime());
        if (iat == null || iat.isAfter(now.plus(SKEW))) {
            throw Refusal.unauthorized(iat == null ? "the bearer token has no issue time (iat)" : "the bearer token is issued in the future (iat " + iat + ")");
        }
        Instant nbf = instant(c.getNotBeforeTime());
        if (nbf != null && nbf.isAfter(now.plus(SKEW))) {
            throw Refusal.unauthorized("the bearer token is not valid before " + nbf);
        }
        if (!email.equals(c.getClaim("email"))) {
            throw Refusal.unauthorized("the bearer token's email is not the service account in " + IngressConfig.EMAIL_VARIABLE);
        }
        if (!Boolean.TRUE.equals(c.getClaim("email_verified"))) {
            throw Refusal.unauthorized("the bearer token's email is not verified (email_verified is not true)");
        }
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}

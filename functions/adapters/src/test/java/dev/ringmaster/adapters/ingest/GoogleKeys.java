package dev.ringmaster.adapters.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * Google's side of a Pub/Sub push, on loopback: its key set served where {@code RINGMASTER_GOOGLE_JWKS_URL} points
 * (WireMock, the shape of https://www.googleapis.com/oauth2/v3/certs), and ID tokens minted the way Google mints a
 * push subscription's OIDC token. One for the whole run (keys take a while to generate), stopped when the JVM exits.
 */
final class GoogleKeys {
    static final String CERTS = "/oauth2/v3/certs";
    static final String AUDIENCE = "https://ringmaster.example/webhooks/crashlytics";
    static final String EMAIL = "crashlytics-push@vpn-release.iam.gserviceaccount.com";

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    /** Google's signing key, published in the key set. */
    final RSAKey google = key("f5c3e1b7a2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e1");
    private RSAKey impostor;
    private RSAKey stranger;

    private static GoogleKeys shared;

    static synchronized GoogleKeys shared() {
        if (shared == null) {
            shared = new GoogleKeys();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::stop, "google-keys-stop"));
        }
        return shared;
    }

    private GoogleKeys() {
        server.start();
        server.stubFor(get(urlPathEqualTo(CERTS)).willReturn(okJson(new JWKSet(google.toPublicJWK()).toString())
                .withHeader("Cache-Control", "public, max-age=21600")));
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.port() + CERTS;
    }

    int keySetFetches() {
        return server.findAll(getRequestedFor(urlPathEqualTo(CERTS))).size();
    }

    /** Someone else's key, with the same kid as Google's: its tokens name a key Google holds, but do not verify with it. */
    synchronized RSAKey impostor() {
        impostor = impostor == null ? key(google.getKeyID()) : impostor;
        return impostor;
    }

    /** A key Google does not publish, under its own kid. */
    synchronized RSAKey stranger() {
        stranger = stranger == null ? key("0d2b4f6a8c1e3a5c7e9b1d3f5a7c9e1b3d5f7a9c") : stranger;
        return stranger;
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a genuine push token issued at {@code now}. */
    static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer("https://accounts.google.com")
                .audience(AUDIENCE)
                .subject("104729384756102938475")
                .claim("azp", "104729384756102938475")
                .claim("email", EMAIL)
                .claim("email_verified", true)
                .issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    String token(Instant now) {
        return token(now, b -> b);
    }

    String token(Instant now, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(google, change.apply(claims(now)).build());
    }

    String signedBy(RSAKey key, Instant now) {
        return sign(key, claims(now).build());
    }

    String unsigned(Instant now) {
        return new PlainJWT(claims(now).build()).serialize();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}

package dev.ringmaster.functions.ingestwebhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The function's webhook settings as the CDK stack sets them, every secret the samples in events/ were signed with,
 * and Google's key set served by WireMock from a key the tests sign Pub/Sub push tokens with.
 */
public class WebhookSettings implements QuarkusTestResourceLifecycleManager {
    static final String SECRET = "ringmaster-sample-secret";
    static final String AUDIENCE = "https://abcdefghij0123456789.lambda-url.eu-west-1.on.aws/webhooks/crashlytics";
    static final String EMAIL = "crashlytics-relay@vpn-app.iam.gserviceaccount.com";
    private static RSAKey key;
    private static WireMockServer google;

    @Override
    public Map<String, String> start() {
        try {
            key = new RSAKeyGenerator(2048).keyID("google-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        google = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        google.start();
        google.stubFor(get("/oauth2/v3/certs").willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        return Map.of("ringmaster.webhook.secret.appstore", SECRET, "ringmaster.webhook.secret.alertmanager", SECRET,
                "ringmaster.webhook.secret.generic", SECRET, "ringmaster.webhook.secret.canary-diff", SECRET,
                "ringmaster.webhook.crashlytics.audience", AUDIENCE, "ringmaster.webhook.crashlytics.email", EMAIL,
                "ringmaster.google.jwks-url", "http://127.0.0.1:" + google.port() + "/oauth2/v3/certs");
    }

    @Override
    public void stop() {
        if (google != null) {
            google.stop();
        }
    }

    /** A push token as Pub/Sub signs it for the subscription's service account, valid for an hour from {@code now}. */
    static String pushToken(Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://accounts.google.com").audience(AUDIENCE).subject("1134")
                .claim("email", EMAIL).claim("email_verified", true).claim("azp", "1134")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}

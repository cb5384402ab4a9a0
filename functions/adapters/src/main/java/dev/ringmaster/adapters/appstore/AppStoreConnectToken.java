package dev.ringmaster.adapters.appstore;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.RolloutTarget;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

/**
 * The ES256 bearer token App Store Connect asks for (REFERENCE-targets §2): header alg ES256, kid, typ JWT; claims
 * iss, iat, exp at most 20 minutes after iat, aud appstoreconnect-v1. One token serves every call until less than
 * two minutes of it remain, so a tick's dozen calls sign once. The private key is read from its reference on first
 * use and never appears in a message.
 */
final class AppStoreConnectToken {
    static final Duration LIFETIME = Duration.ofMinutes(20);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);
    static final String AUDIENCE = "appstoreconnect-v1";

    private final AppStoreConnectKey key;
    private final Secrets secrets;
    private final Clock clock;
    private ECPrivateKey signingKey;
    private String token;
    private Instant expires;

    AppStoreConnectToken(AppStoreConnectKey key, Secrets secrets, Clock clock) {
        this.key = key;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The token in use, minted anew when less than {@link #RENEW_BEFORE} of it remains. */
    synchronized String current() {
        if (token == null || clock.instant().plus(RENEW_BEFORE).isAfter(expires)) {
            mint();
        }
        return token;
    }

    /** A new token, for a call refused with 401 (App Store Connect sometimes refuses a good token once). */
    synchronized String fresh() {
        mint();
        return token;
    }

    private void mint() {
        Instant iat = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = iat.plus(LIFETIME);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.keyId()).type(JOSEObjectType.JWT).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(key.issuerId())
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .audience(AUDIENCE)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(signingKey()));
        } catch (JOSEException e) {
            throw new RolloutTarget.Refused("cannot sign the App Store Connect token with key " + key.keyId() + " (" + key.privateKey()
                    + "): " + e.getClass().getSimpleName());
        }
        token = jwt.serialize();
        expires = exp;
    }

    private ECPrivateKey signingKey() {
        if (signingKey == null) {
            String pem;
            try {
                pem = secrets.resolve(key.privateKey());
            } catch (Secrets.Unresolved e) {
                throw new RolloutTarget.Refused(e.getMessage());
            }
            signingKey = parse(pem, key.privateKey());
        }
        return signingKey;
    }

    /** A .p8 file: PKCS#8 PEM of a P-256 key. The message names the reference, never the key. */
    static ECPrivateKey parse(String pem, String reference) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new RolloutTarget.Refused("the App Store Connect private key at " + reference
                    + " is not a PKCS#8 EC private key (.p8 PEM): " + e.getClass().getSimpleName());
        }
    }
}

package dev.ringmaster.adapters.ingest;

import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.signal.WebhookKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A kind's secret, and comparing what a sender presents with it without timing saying how much matched. */
final class Secret {
    private Secret() {
    }

    /**
     * The secret of {@code kind}, or 401 naming the variable to set; 401 too when its reference does not resolve (the
     * sender cannot be verified), 503 when the secret store cannot be reached now (the sender tries again).
     */
    static String of(IngressConfig config, WebhookKind kind) {
        try {
            return config.secret(kind).orElseThrow(() -> Refusal.unauthorized(
                    "the " + kind.key + " webhook has no secret configured: set " + kind.secretVariable()));
        } catch (Secrets.Unresolved e) {
            // The reference stays out of the answer: an unauthenticated caller learns only which variable to fix.
            throw Refusal.unauthorized("the " + kind.key + " webhook's secret cannot be read: check the reference in " + kind.secretVariable());
        } catch (RolloutTarget.Unavailable e) {
            throw new Refusal(503, "cannot read the " + kind.key + " webhook's secret now: try again");
        }
    }

    /**
     * Whether {@code presented} equals {@code secret}, in constant time: both are hashed first, so even their lengths
     * take the same time to compare.
     */
    static boolean matches(String presented, String secret) {
        return MessageDigest.isEqual(sha256(presented), sha256(secret));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable");
        }
    }
}

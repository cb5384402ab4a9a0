package dev.ringmaster.adapters.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Ringmaster-Signature} header, on Stripe's model (REFERENCE-signals §11):
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "{t}.{raw body}")>}. The timestamp is signed with the body,
 * so a captured delivery cannot be replayed after the tolerance; several {@code v1} may be given while a secret is
 * rotated, and any one matching is enough.
 */
public final class WebhookSignature {
    public static final String HEADER = "Ringmaster-Signature";
    public static final String EVENT_ID_HEADER = "Ringmaster-Event-Id";
    /** Stripe's default: a delivery more than five minutes off the receiver's clock is refused. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header for {@code body} sent at {@code at}. */
    public static String header(byte[] body, String secret, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + v1(body, secret, t);
    }

    /** hex HMAC-SHA256(secret, "{t}.{body}"), over the body's exact bytes. */
    public static String v1(byte[] body, String secret, long t) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook signing secret is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret}, at a time no further than {@code tolerance}
     * from {@code now} either way. A missing or malformed header is false, never an exception: whatever a sender
     * put there, the answer is the same "not verified".
     */
    public static boolean verify(byte[] body, String header, String secret, Instant now, Duration tolerance) {
        if (body == null || header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        Long t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t") && t == null) {
                try {
                    t = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (key.equals("v1")) {
                signatures.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        long skew = Math.abs(now.getEpochSecond() - t);
        if (skew > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = v1(body, secret, t).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        // Every candidate is compared in constant time, and all of them, so timing says nothing about which matched.
        for (String s : signatures) {
            match |= MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }
}

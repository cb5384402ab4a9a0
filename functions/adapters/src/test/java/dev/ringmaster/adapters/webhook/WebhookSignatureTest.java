package dev.ringmaster.adapters.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_test_0123456789";
    private static final byte[] BODY = "{\"id\":\"android-2-1-0.halted.0011223344556677\",\"event\":\"halted\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.parse("2026-05-01T10:00:00Z");
    /** Python's hmac.new(SECRET, b"1777629600." + BODY, sha256).hexdigest(): the receiver's side, computed apart from this code. */
    private static final String PYTHON_V1 = "315eee64440d5d9ec8c77c8165e583813b138c60ce77a369825b99cced213363";
    private static final Duration FIVE_MINUTES = WebhookSignature.DEFAULT_TOLERANCE;

    @Test
    void header_isTimestampAndTheHmacAReceiverComputes() {
        assertEquals("t=1777629600,v1=" + PYTHON_V1, WebhookSignature.header(BODY, SECRET, SENT));
    }

    @Test
    void goodHeader_verifies() {
        assertTrue(WebhookSignature.verify(BODY, "t=1777629600,v1=" + PYTHON_V1, SECRET, SENT.plusSeconds(42), FIVE_MINUTES));
    }

    @Test
    void tamperedBody_doesNotVerify() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("halted", "resumed").getBytes(StandardCharsets.UTF_8);

        assertFalse(WebhookSignature.verify(tampered, WebhookSignature.header(BODY, SECRET, SENT), SECRET, SENT, FIVE_MINUTES));
    }

    @Test
    void tamperedTimestamp_doesNotVerify_becauseItIsSigned() {
        assertFalse(WebhookSignature.verify(BODY, "t=1777629601,v1=" + PYTHON_V1, SECRET, SENT, FIVE_MINUTES));
    }

    @Test
    void otherSecret_doesNotVerify() {
        assertFalse(WebhookSignature.verify(BODY, WebhookSignature.header(BODY, SECRET, SENT), "whsec_other", SENT, FIVE_MINUTES));
    }

    @ParameterizedTest(name = "received {0} s after signing: {1}")
    @CsvSource({"0, true", "300, true", "301, false", "-300, true", "-301, false", "86400, false"})
    void deliveryOutsideTheTolerance_doesNotVerify_eitherWay(long secondsLater, boolean verified) {
        String header = WebhookSignature.header(BODY, SECRET, SENT);

        assertEquals(verified, WebhookSignature.verify(BODY, header, SECRET, SENT.plusSeconds(secondsLater), FIVE_MINUTES));
    }

    @Test
    void severalV1_anyMatching_verifies_soASecretCanBeRotated() {
        String oldKey = WebhookSignature.v1(BODY, "whsec_old", SENT.getEpochSecond());
        String newKey = WebhookSignature.v1(BODY, SECRET, SENT.getEpochSecond());
        String header = "t=1777629600,v1=" + oldKey + ",v1=" + newKey;

        assertTrue(WebhookSignature.verify(BODY, header, SECRET, SENT, FIVE_MINUTES), "the new secret");
        assertTrue(WebhookSignature.verify(BODY, header, "whsec_old", SENT, FIVE_MINUTES), "the old secret, until receivers switch");
        assertFalse(WebhookSignature.verify(BODY, header, "whsec_neither", SENT, FIVE_MINUTES));
    }

    @Test
    void upperCaseHexAndSpaces_areAccepted() {
        assertTrue(WebhookSignature.verify(BODY, "t=1777629600, v1=" + PYTHON_V1.toUpperCase(), SECRET, SENT, FIVE_MINUTES));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL",
            "''",
            "v1=315eee64440d5d9ec8c77c8165e583813b138c60ce77a369825b99cced213363",
            "t=1777629600",
            "t=yesterday,v1=315eee64440d5d9ec8c77c8165e583813b138c60ce77a369825b99cced213363",
            "t=1777629600,v0=315eee64440d5d9ec8c77c8165e583813b138c60ce77a369825b99cced213363",
            "t=1777629600,v1=315eee",
            "sha256=315eee64440d5d9ec8c77c8165e583813b138c60ce77a369825b99cced213363"})
    void missingOrMalformedHeader_doesNotVerify_andDoesNotThrow(String header) {
        assertFalse(WebhookSignature.verify(BODY, header, SECRET, SENT, FIVE_MINUTES));
    }

    @Test
    void emptySecret_signsNothing_andVerifiesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookSignature.header(BODY, "", SENT));

        assertEquals("the webhook signing secret is empty", e.getMessage());
        assertFalse(WebhookSignature.verify(BODY, "t=1777629600,v1=" + PYTHON_V1, "", SENT, FIVE_MINUTES));
    }
}

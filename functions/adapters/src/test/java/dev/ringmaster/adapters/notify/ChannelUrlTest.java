package dev.ringmaster.adapters.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.adapters.secrets.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelUrlTest {
    private static final String HOOK = "https://hooks.example.com/services/T0001/B0002/s3cr3tPathToken";
    private final Secrets secrets = new LocalSecrets(Map.of("HOOK", HOOK, "PLAIN", "http://hooks.example.com/x/s3cr3tPathToken"), null);

    @Test
    void writtenOutHttpsUrl_isUsedAndShownAsWritten() {
        ChannelUrl url = ChannelUrl.of("https://ops.example.com/ringmaster", secrets, "webhook url");

        assertEquals("https://ops.example.com/ringmaster", url.uri().toString());
        assertEquals("https://ops.example.com/ringmaster", url.shown());
        assertEquals("answered 503 to POST /ringmaster", url.redact("answered 503 to POST /ringmaster"), "nothing secret to hide");
    }

    @Test
    void referencedUrl_isResolved_andErrorsShowTheReferenceNotThePath() {
        ChannelUrl url = ChannelUrl.of("env:HOOK", secrets, "webhook url");

        assertEquals(HOOK, url.uri().toString());
        assertEquals("env:HOOK", url.shown());
        String redacted = url.redact("webhook answered 503 to POST /services/T0001/B0002/s3cr3tPathToken; tried " + HOOK);
        assertFalse(redacted.contains("s3cr3tPathToken"), redacted);
        assertTrue(redacted.contains("env:HOOK"), redacted);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "http://hooks.example.com/x            | webhook url: 'http://hooks.example.com/x' is not an https:// URL",
            "env:PLAIN                             | webhook url: the value of env:PLAIN is not an https:// URL",
            "ftp://hooks.example.com/x             | webhook url: 'ftp://hooks.example.com/x' is not an https:// URL",
            "not a url                             | webhook url: 'not a url' is not a URL",
            "env:MISSING                           | cannot read secret env:MISSING: the environment variable is not set"})
    void urlsThatAreNotHttps_areRefused_withoutSayingAReferencesValue(String url, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ChannelUrl.of(url, secrets, "webhook url"));

        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3tPathToken"));
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9000/hook"})
    void plainHttp_isAllowedToALoopbackStandIn(String url) {
        assertEquals(url, ChannelUrl.of(url, secrets, "webhook url").uri().toString());
    }
}

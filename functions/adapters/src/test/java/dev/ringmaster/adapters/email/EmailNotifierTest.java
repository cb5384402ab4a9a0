package dev.ringmaster.adapters.email;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.ringmaster.adapters.aws.WireMockAws;
import dev.ringmaster.adapters.notify.MessageText;
import dev.ringmaster.adapters.notify.SampleMessages;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sesv2.SesV2Client;

class EmailNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND = "/v2/email/outbound-emails";
    private static final NotifyRule RULE = new NotifyRule("email", null, List.of(), Severity.CRITICAL,
            List.of("cto@example.com", "vp-eng@example.com"), null, null, null, List.of(), "ringmaster@releases.example.com");

    private final WireMockAws aws = new WireMockAws();
    private final SesV2Client ses = aws.client(SesV2Client.builder()).build();
    private final EmailNotifier notifier = new EmailNotifier(ses);

    @AfterEach
    void stop() {
        ses.close();
        aws.close();
    }

    private static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "5d1e2c3b-8a7f-4e6d-9c0b-1a2b3c4d5e6f")
                .withBody("{\"MessageId\":\"0102018f2a3b4c5d-6e7f8a9b-0c1d-2e3f-4a5b-6c7d8e9f0a1b-000000\"}");
    }

    /** A SES v2 error as the REST-JSON protocol sends it: the code in x-amzn-ErrorType, the text in the body. */
    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "5d1e2c3b-8a7f-4e6d-9c0b-1a2b3c4d5e6f")
                .withHeader("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/")
                .withBody("{\"message\":\"" + message + "\"}");
    }

    private JsonNode sent() throws Exception {
        return JSON.readTree(aws.server.findAll(postRequestedFor(urlEqualTo(SEND))).get(0).getBodyAsString());
    }

    @Test
    void briefing_isSentThroughSes_fromTheRulesSender_toItsRecipients() throws Exception {
        aws.server.stubFor(post(SEND).willReturn(ok()));

        notifier.send(RULE, SampleMessages.halted());

        aws.server.verify(1, postRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/ses/aws4_request, .*")));
        JsonNode body = sent();
        assertEquals("ringmaster@releases.example.com", body.path("FromEmailAddress").asText());
        assertEquals("[\"cto@example.com\",\"vp-eng@example.com\"]", body.path("Destination").path("ToAddresses").toString());
        JsonNode simple = body.path("Content").path("Simple");
        assertEquals("[CRITICAL] android-2-1-0 2.1.0: halted in ring-3", simple.path("Subject").path("Data").asText());
        assertEquals("UTF-8", simple.path("Subject").path("Charset").asText());
        assertEquals(MessageText.plain(SampleMessages.halted()), simple.path("Body").path("Text").path("Data").asText());
        String html = simple.path("Body").path("Html").path("Data").asText();
        assertTrue(html.contains("<h3>Verdicts</h3>"), html);
        assertTrue(html.contains("{&quot;command&quot;:&quot;rollback&quot;,&quot;rolloutId&quot;:&quot;android-2-1-0&quot;"), html);
    }

    @Test
    void htmlPart_escapesEverythingTheMessageSays() throws Exception {
        aws.server.stubFor(post(SEND).willReturn(ok()));
        Message hostile = SampleMessages.of(NotifyEvent.HALTED, "<script>alert('x')</script> & <b>bold</b>");

        notifier.send(RULE, hostile);

        String html = sent().path("Content").path("Simple").path("Body").path("Html").path("Data").asText();
        assertFalse(html.contains("<script>") || html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"), html);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "400 | MessageRejected                    | Email address is not verified. The following identities failed the check in region EU-WEST-1: ringmaster@releases.example.com",
            "400 | MailFromDomainNotVerifiedException | The MAIL FROM domain releases.example.com is not verified.",
            "400 | AccountSuspendedException          | Your account has been suspended from sending email.",
            "400 | SendingPausedException             | Sending is paused for this account.",
            "404 | NotFoundException                  | Configuration set <ringmaster> does not exist.",
            "400 | BadRequestException                | 1 validation error detected: Value at 'destination.toAddresses' failed to satisfy constraint"})
    void sesRefusal_failsOnce_namingSesErrorCodeAndText(int status, String code, String text) {
        aws.server.stubFor(post(SEND).willReturn(error(status, code, text)));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertEquals("email halted of android-2-1-0 from ringmaster@releases.example.com to cto@example.com, vp-eng@example.com not sent: "
                + "SES HTTP " + status + " " + code + ": " + text, e.getMessage());
        assertFalse(e.getMessage().contains("wJalrXUtnFEMI"), "never the credentials");
        aws.server.verify(1, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void throttled_thenOk_isRetriedByTheSdk() {
        aws.server.stubFor(post(SEND).inScenario("throttle").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(error(429, "TooManyRequestsException", "Maximum sending rate exceeded.")));
        aws.server.stubFor(post(SEND).inScenario("throttle").whenScenarioStateIs("ok").willReturn(ok()));

        notifier.send(RULE, SampleMessages.halted());

        aws.server.verify(2, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void throttled_everyTime_failsNamingTheThrottle() {
        aws.server.stubFor(post(SEND).willReturn(error(429, "TooManyRequestsException", "Maximum sending rate exceeded.")));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertTrue(e.getMessage().endsWith("not sent: SES HTTP 429 TooManyRequestsException: Maximum sending rate exceeded."), e.getMessage());
        aws.server.verify(3, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void unreachableSes_failsSayingSo() {
        aws.server.stop();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> notifier.send(RULE, SampleMessages.halted()));

        assertTrue(e.getMessage().startsWith("email halted of android-2-1-0 from ringmaster@releases.example.com to cto@example.com, "
                + "vp-eng@example.com not sent: SES Unable to execute HTTP request"), e.getMessage());
    }

    @Test
    void ruleWithoutSenderOrRecipients_isRefusedBeforeCallingSes() {
        NotifyRule noFrom = new NotifyRule("email", null, List.of(), Severity.INFO, List.of("cto@example.com"), null, null, null, List.of(), null);
        NotifyRule noTo = new NotifyRule("email", null, List.of(), Severity.INFO, List.of(), null, null, null, List.of(), "ringmaster@example.com");

        assertEquals("email rule to cto@example.com has no 'from': an address verified in SES",
                assertThrows(IllegalArgumentException.class, () -> notifier.send(noFrom, SampleMessages.halted())).getMessage());
        assertEquals("email rule has no 'to': one or more addresses",
                assertThrows(IllegalArgumentException.class, () -> notifier.send(noTo, SampleMessages.halted())).getMessage());
        aws.server.verify(0, anyRequestedFor(anyUrl()));
    }
}

package dev.ringmaster.adapters.ingest;

import static dev.ringmaster.adapters.ingest.IngressFixture.APPSTORE_SECRET;
import static dev.ringmaster.adapters.ingest.IngressFixture.GENERIC_SECRET;
import static dev.ringmaster.adapters.ingest.IngressFixture.NOW;
import static dev.ringmaster.adapters.ingest.IngressFixture.WEB;
import static dev.ringmaster.adapters.ingest.IngressFixture.sample;
import static dev.ringmaster.adapters.ingest.IngressFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.dynamodb.DynamoDbLocal;
import dev.ringmaster.adapters.dynamodb.DynamoDbRolloutStore;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.signal.WebhookKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What holds for every kind: the order of the checks, the configuration, the store being down, the answer's shape. */
class WebhookIngressTest {
    private static final byte[] SEV1 = sample("generic-sev1.json");

    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.running("004-canary-cohorts.yaml");
    }

    @Test
    void anUnknownKind_is404_namingTheKinds() {
        WebhookResponse r = f.send(new WebhookRequest("github", Map.of(), SEV1, Map.of()));

        assertEquals(404, r.status());
        assertEquals("no webhook kind `github`: POST /webhooks/{kind} with one of appstore, crashlytics, alertmanager, canary-diff, generic",
                r.message());
        assertEquals(404, f.send(new WebhookRequest(null, null, null, null)).status());
    }

    @Test
    void anOversizedBody_is413_beforeItsSignatureIsLookedAt() {
        WebhookResponse r = f.send(new WebhookRequest("generic", Map.of(), new byte[IngressConfig.MAX_BODY_BYTES + 1], Map.of()));

        assertEquals(413, r.status());
        assertEquals("the body is 262145 bytes, over the limit of 262144 bytes: nothing was read", r.message());
        assertEquals(404, f.send(new WebhookRequest("nope", Map.of(), new byte[IngressConfig.MAX_BODY_BYTES + 1], Map.of())).status(),
                "the kind is checked first");
    }

    @Test
    void aBodyExactlyAtTheLimit_isRead() {
        byte[] body = new byte[IngressConfig.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(SEV1, 0, body, 0, SEV1.length);

        assertEquals(200, f.send(signed("generic", body, GENERIC_SECRET, NOW)).status());
    }

    @Test
    void anUnauthenticatedMalformedBody_is401_notAParseError() {
        WebhookResponse r = f.send(new WebhookRequest("generic", Map.of(), "not json".getBytes(StandardCharsets.UTF_8), Map.of()));

        assertEquals(401, r.status(), "nothing about the body is told to an unknown sender");
    }

    @Test
    void aKindWithNoSecretConfigured_is401_namingTheVariableToSet() {
        IngressFixture unset = new IngressFixture(env -> env.remove(WebhookKind.GENERIC.secretVariable()));
        unset.running("004-canary-cohorts.yaml");

        WebhookResponse r = unset.send(signed("generic", SEV1, GENERIC_SECRET, NOW));

        assertEquals(401, r.status());
        assertEquals("the generic webhook has no secret configured: set RINGMASTER_WEBHOOK_SECRET_GENERIC", r.message());
        assertEquals(List.of(), unset.signals(WEB));
    }

    @Test
    void aSecretGivenAsAFileOrEnvReference_isResolved(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("generic-secret");
        Files.writeString(file, GENERIC_SECRET + "\n");
        IngressFixture byFile = new IngressFixture(env -> env.put(WebhookKind.GENERIC.secretVariable(), "file:" + file));
        byFile.running("004-canary-cohorts.yaml");
        IngressFixture byEnv = new IngressFixture(env -> {
            env.put(WebhookKind.APPSTORE.secretVariable(), "env:ASC_SECRET");
            env.put("ASC_SECRET", APPSTORE_SECRET);
        });
        byEnv.running("000-nestory-rings.yaml");

        assertEquals(200, byFile.send(signed("generic", SEV1, GENERIC_SECRET, NOW)).status());
        assertEquals(200, byEnv.send(IngressFixture.appstore(sample("appstore-build-rejected.json"), APPSTORE_SECRET,
                Map.of("rollout", IngressFixture.NESTORY))).status());
    }

    @Test
    void aReferenceThatDoesNotResolve_is401_namingTheVariable_notTheReference() {
        IngressFixture broken = new IngressFixture(env -> env.put(WebhookKind.GENERIC.secretVariable(), "file:/run/secrets/missing-generic"));

        WebhookResponse r = broken.send(signed("generic", SEV1, GENERIC_SECRET, NOW));

        assertEquals(401, r.status());
        assertTrue(r.message().contains("RINGMASTER_WEBHOOK_SECRET_GENERIC"), r.message());
        assertFalse(r.message().contains("/run/secrets"), r.message());
    }

    @Test
    void headerNames_matchInAnyCase() {
        Map<String, String> shouting = new HashMap<>();
        signed("generic", SEV1, GENERIC_SECRET, NOW).headers().forEach((k, v) -> shouting.put(k.toUpperCase(), v));

        assertEquals(200, f.send(new WebhookRequest("generic", shouting, SEV1, Map.of())).status());
    }

    @Test
    void theStoreDown_is503_tryAgain() {
        WebhookIngress over = f.ingress(IngressFixture.env(f.google), new DynamoDbRolloutStore(DynamoDbLocal.client(), "no-such-table"));

        WebhookResponse r = over.handle(signed("generic", SEV1, GENERIC_SECRET, NOW));

        assertEquals(503, r.status());
        assertEquals("could not record the event: try again", r.message());
    }

    @Test
    void theAnswer_isJsonWithStatusMessageAndWhatWasApplied() throws IOException {
        WebhookResponse r = f.send(signed("generic", SEV1, GENERIC_SECRET, NOW));

        JsonNode json = new ObjectMapper().readTree(r.json());

        assertEquals(200, json.get("status").asInt());
        assertEquals("applied event APPROVALS-4411.created", json.get("message").asText());
        assertEquals(WEB + ": recorded sev1", json.get("applied").get(0).asText());
        assertEquals("{\"status\":401,\"message\":\"no\",\"applied\":[]}", new WebhookResponse(401, "no", null).json());
    }

    @Test
    void neitherTheRequestNorTheConfig_printTheirSecrets() {
        Map<String, String> env = IngressFixture.env(f.google);
        String config = IngressConfig.from(env, new LocalSecrets(env, null)).toString();
        String request = IngressFixture.alertmanager(SEV1, IngressFixture.ALERTMANAGER_TOKEN, Map.of()).toString();

        for (String secret : IngressFixture.SECRETS) {
            assertFalse(config.contains(secret), config);
            assertFalse(request.contains(secret), request);
        }
        assertTrue(request.contains("authorization"), "names the headers: " + request);
    }

    @Test
    void aJwksUrlThatIsNoUrl_isRefusedAtStart_namingTheVariable() {
        Map<String, String> env = Map.of(IngressConfig.JWKS_VARIABLE, "ftp://keys");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IngressConfig.from(env, new LocalSecrets(env, null)));

        assertEquals("RINGMASTER_GOOGLE_JWKS_URL 'ftp://keys' is not an http(s) URL", e.getMessage());
    }
}

package dev.ringmaster.adapters.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.ringmaster.adapters.aws.WireMockAws;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

class AwsSecretsTest {
    private static final String WEBHOOK = "https://hooks.slack.com/services/T0000/B0000/s3cr3tW3bh00k";
    private static final String TOKEN = "sntrys_eyJpYXQiOjE3MTQ1NTc2MDB9_s3cr3tT0k3n";
    private static final String SENTRY = "{\"token\":\"" + TOKEN + "\",\"org\":\"example\",\"nested\":{\"a\":1}}";
    private static final List<String> VALUES = List.of(WEBHOOK, TOKEN, "s3cr3t", "sntrys_");

    private final WireMockAws aws = new WireMockAws();
    private final SsmClient ssm = aws.client(SsmClient.builder()).build();
    private final SecretsManagerClient secretsManager = aws.client(SecretsManagerClient.builder()).build();
    private Instant now = Instant.parse("2026-05-01T10:00:00Z");
    private final AwsSecrets secrets = new AwsSecrets(ssm, secretsManager, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @AfterEach
    void stop() {
        ssm.close();
        secretsManager.close();
        aws.close();
    }

    private static MappingBuilder call(String target) {
        return post("/").withHeader("X-Amz-Target", equalTo(target));
    }

    private static ResponseDefinitionBuilder answer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "7b1f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e").withBody(body);
    }

    private static String parameter(String name, String value) {
        return "{\"Parameter\":{\"ARN\":\"arn:aws:ssm:eu-west-1:123456789012:parameter" + name + "\",\"DataType\":\"text\","
                + "\"LastModifiedDate\":1.714557600123E9,\"Name\":\"" + name + "\",\"Type\":\"SecureString\",\"Value\":\"" + value
                + "\",\"Version\":3}}";
    }

    private static String secret(String name, String secretString) {
        return "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-a1B2c3\",\"CreatedDate\":1.714557600E9,"
                + "\"Name\":\"" + name + "\",\"SecretString\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(secretString)
                + ",\"VersionId\":\"a9e0c2f1-4b3d-4e5f-8a7b-6c5d4e3f2a1b\",\"VersionStages\":[\"AWSCURRENT\"]}";
    }

    private int calls(String target) {
        return aws.server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))).size();
    }

    @Test
    void ssmReference_readsTheDecryptedParameter() {
        aws.server.stubFor(call("AmazonSSM.GetParameter").willReturn(answer(200, parameter("/ringmaster/slack/releases", WEBHOOK))));

        assertEquals(WEBHOOK, secrets.resolve("ssm:/ringmaster/slack/releases"));

        aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("{\"Name\":\"/ringmaster/slack/releases\",\"WithDecryption\":true}")));
    }

    @Test
    void secretsManagerReference_readsTheSecretString_orOneFieldOfAJsonSecret_withOneRead() {
        aws.server.stubFor(call("secretsmanager.GetSecretValue").willReturn(answer(200, secret("ringmaster/sentry", SENTRY))));

        assertEquals(SENTRY, secrets.resolve("secretsmanager:ringmaster/sentry"));
        assertEquals(TOKEN, secrets.resolve("secretsmanager:ringmaster/sentry#token"));
        assertEquals("example", secrets.resolve("secretsmanager:ringmaster/sentry#org"));

        aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"SecretId\":\"ringmaster/sentry\"}")));
    }

    @Test
    void secretsManagerReference_byArn_keepsTheArnsColons() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringmaster/sentry-a1B2c3";
        aws.server.stubFor(call("secretsmanager.GetSecretValue").willReturn(answer(200, secret("ringmaster/sentry", SENTRY))));

        assertEquals(TOKEN, secrets.resolve("secretsmanager:" + arn + "#token"));

        aws.server.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"SecretId\":\"" + arn + "\"}")));
    }

    @Test
    void values_areKeptForFiveMinutes_thenReadAgain() {
        aws.server.stubFor(call("AmazonSSM.GetParameter").willReturn(answer(200, parameter("/ringmaster/slack/releases", WEBHOOK))));

        secrets.resolve("ssm:/ringmaster/slack/releases");
        now = now.plus(Duration.ofMinutes(5)).minusSeconds(1);
        secrets.resolve("ssm:/ringmaster/slack/releases");
        assertEquals(1, calls("AmazonSSM.GetParameter"), "kept within five minutes");

        now = now.plusSeconds(1);
        secrets.resolve("ssm:/ringmaster/slack/releases");
        assertEquals(2, calls("AmazonSSM.GetParameter"), "read again after five minutes, so a rotated secret is picked up");
    }

    @Test
    void missingParameterOrSecret_isUnresolved_namingTheReferenceAndTheAwsCode() {
        aws.server.stubFor(call("AmazonSSM.GetParameter").willReturn(answer(400, "{\"__type\":\"ParameterNotFound\"}")));
        aws.server.stubFor(call("secretsmanager.GetSecretValue").willReturn(answer(400,
                "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}")));

        Secrets.Unresolved ssmMissing = assertThrows(Secrets.Unresolved.class, () -> secrets.resolve("ssm:/ringmaster/nope"));
        Secrets.Unresolved smMissing = assertThrows(Secrets.Unresolved.class, () -> secrets.resolve("secretsmanager:ringmaster/nope"));

        assertEquals("cannot read secret ssm:/ringmaster/nope: ParameterNotFound, HTTP 400", ssmMissing.getMessage());
        assertEquals("cannot read secret secretsmanager:ringmaster/nope: ResourceNotFoundException, HTTP 400", smMissing.getMessage());
        assertEquals(1, calls("AmazonSSM.GetParameter"), "not found is not retried");
    }

    @Test
    void serviceDown_isUnavailable_afterTheSdksRetries_andNothingIsKept() {
        aws.server.stubFor(call("AmazonSSM.GetParameter").willReturn(answer(500, "{\"__type\":\"InternalServerError\",\"message\":\"\"}")));

        RolloutTarget.Unavailable e = assertThrows(RolloutTarget.Unavailable.class, () -> secrets.resolve("ssm:/ringmaster/slack/releases"));

        assertEquals("cannot read secret ssm:/ringmaster/slack/releases now: InternalServerError, HTTP 500", e.getMessage());
        assertEquals(3, calls("AmazonSSM.GetParameter"));
        aws.server.stubFor(call("AmazonSSM.GetParameter").willReturn(answer(200, parameter("/ringmaster/slack/releases", WEBHOOK))));
        assertEquals(WEBHOOK, secrets.resolve("ssm:/ringmaster/slack/releases"), "a failure is not kept");
    }

    /** Every way a read can fail while a value is in reach: the message (and stack trace) names the reference, never the value. */
    @Test
    void noFailure_everCarriesAValue() {
        aws.server.stubFor(call("secretsmanager.GetSecretValue").willReturn(answer(200, secret("ringmaster/sentry", SENTRY))));
        aws.server.stubFor(call("AmazonSSM.GetParameter").willReturn(answer(400,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: ssm:GetParameter\"}")));
        String notJson = "token=" + TOKEN;
        aws.server.stubFor(call("secretsmanager.GetSecretValue").withRequestBody(equalToJson("{\"SecretId\":\"ringmaster/plain\"}"))
                .willReturn(answer(200, secret("ringmaster/plain", notJson))));

        List<Runnable> failing = List.of(
                () -> secrets.resolve("secretsmanager:ringmaster/sentry#missing"),
                () -> secrets.resolve("secretsmanager:ringmaster/sentry#nested"),
                () -> secrets.resolve("secretsmanager:ringmaster/plain#token"),
                () -> secrets.resolve("ssm:/ringmaster/slack/releases"),
                () -> secrets.resolve("vault:ringmaster/sentry"));
        for (Runnable r : failing) {
            Secrets.Unresolved e = assertThrows(Secrets.Unresolved.class, r::run);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertTrue(e.getMessage().startsWith("cannot read secret "), e.getMessage());
            VALUES.forEach(v -> assertFalse(trace.toString().contains(v), "'" + v + "' leaked: " + trace));
        }
        assertEquals("cannot read secret ssm:/ringmaster/slack/releases: AccessDeniedException, HTTP 400",
                assertThrows(Secrets.Unresolved.class, () -> secrets.resolve("ssm:/ringmaster/slack/releases")).getMessage());
        assertEquals("cannot read secret secretsmanager:ringmaster/plain#token: the secret is not a JSON object, so it has no field 'token'",
                assertThrows(Secrets.Unresolved.class, () -> secrets.resolve("secretsmanager:ringmaster/plain#token")).getMessage());
    }

    @Test
    void binarySecret_isUnresolved() {
        aws.server.stubFor(call("secretsmanager.GetSecretValue").willReturn(answer(200,
                "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringmaster/key-a1B2c3\",\"Name\":\"ringmaster/key\","
                        + "\"SecretBinary\":\"AAECAw==\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}")));

        Secrets.Unresolved e = assertThrows(Secrets.Unresolved.class, () -> secrets.resolve("secretsmanager:ringmaster/key"));

        assertTrue(e.getMessage().contains("no SecretString"), e.getMessage());
    }
}

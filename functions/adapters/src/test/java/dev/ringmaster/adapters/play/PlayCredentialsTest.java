package dev.ringmaster.adapters.play;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.core.port.RolloutTarget;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the service-account key comes from, and what Google's token endpoint is sent. */
class PlayCredentialsTest {
    private final PlayWireMock play = new PlayWireMock();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        play.close();
    }

    private Path keyFile(String json) throws Exception {
        Path key = dir.resolve("play-key.json");
        Files.writeString(key, json);
        return key;
    }

    @Test
    void aFileReference_isResolvedWithSecrets_andTheKeysTokenUriIsHonoured() throws Exception {
        Path key = keyFile(PlayWireMock.KEY.json(play.tokenUri()));
        PlayCredentials credentials = PlayCredentials.fromReference("file:" + key, new LocalSecrets(Map.of(), null), Map.of());

        assertEquals("ya29.c.test-1", credentials.token());
        assertEquals(1, play.server.findAll(postRequestedFor(urlPathEqualTo("/token"))).size());
    }

    @Test
    void theTokenRequest_isAJwtBearerGrant_signedByTheKey_forTheAndroidPublisherScope() throws Exception {
        PlayCredentials.fromKeyJson(PlayWireMock.KEY.json(play.tokenUri())).token();

        String form = play.server.findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0).getBodyAsString();
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", fields.get("grant_type"));
        String[] jwt = fields.get("assertion").split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(PlayWireMock.KEY.keys().getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt[2])), "RS256 signature by the key file's private key");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals(ServiceAccountKey.EMAIL, claims.path("iss").asText());
        assertEquals(PlayCredentials.SCOPE, claims.path("scope").asText());
        assertTrue(claims.path("exp").asLong() - claims.path("iat").asLong() <= 3600);
    }

    @Test
    void withoutAReference_googleApplicationCredentialsNamesTheKeyFile() throws Exception {
        Path key = keyFile(PlayWireMock.KEY.json(play.tokenUri()));
        PlayCredentials credentials = PlayCredentials.fromReference(null, ref -> {
            throw new AssertionError("no reference is resolved");
        }, Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString()));

        assertEquals("ya29.c.test-1", credentials.token());
    }

    @Test
    void withNeitherReferenceNorGoogleApplicationCredentials_isRefused_sayingWhatToSet() {
        PlayCredentials credentials = PlayCredentials.fromReference(" ", ref -> "", Map.of());

        var refused = assertThrows(RolloutTarget.Refused.class, credentials::token);

        assertTrue(refused.getMessage().contains("GOOGLE_APPLICATION_CREDENTIALS"), refused.getMessage());
    }

    @Test
    void anUnresolvableReference_isRefused_namingTheReference() {
        PlayCredentials credentials = PlayCredentials.fromReference("env:PLAY_KEY", new LocalSecrets(Map.of(), null), Map.of());

        var refused = assertThrows(RolloutTarget.Refused.class, credentials::token);

        assertTrue(refused.getMessage().contains("env:PLAY_KEY"), refused.getMessage());
    }

    @Test
    void aKeyWithoutItsPrivateKey_isRefused_namingTheMissingField_notQuotingTheKey() {
        String key = PlayWireMock.KEY.json(play.tokenUri()).replace("\"private_key\"", "\"private_key_withheld\"");

        var refused = assertThrows(RolloutTarget.Refused.class, () -> PlayCredentials.fromKeyJson(key).token());

        assertTrue(refused.getMessage().contains("lacks private_key"), refused.getMessage());
        assertFalse(refused.getMessage().contains("BEGIN PRIVATE KEY"), refused.getMessage());
    }

    @Test
    void aKeyThatIsNotJson_isRefused_withoutQuotingIt() {
        var refused = assertThrows(RolloutTarget.Refused.class, () -> PlayCredentials.fromKeyJson("MIIEvQIBADANBgkqhkiG9w0").token());

        assertTrue(refused.getMessage().contains("is not JSON"), refused.getMessage());
        assertFalse(refused.getMessage().contains("MIIEvQ"), refused.getMessage());
    }
}

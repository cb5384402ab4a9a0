package dev.ringmaster.adapters.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.adapters.registry.RegistryCredentials;
import dev.ringmaster.adapters.secrets.LocalSecrets;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which real targets a deployment's settings give it (docs/targets.md), and what a missing or wrong one says. */
class LiveTargetsTest {

    private static LiveTargets from(Map<String, String> settings, Map<String, String> env) {
        return LiveTargets.from(k -> Optional.ofNullable(settings.get(k)), env);
    }

    @Test
    void withNoSettings_aDeploymentHasRings_flagsAndManual_butNoStore() {
        assertEquals(Set.of(TargetType.CONTAINER_RING, TargetType.FEATURE_FLAG, TargetType.MANUAL), from(Map.of(), Map.of()).targets().keySet());
    }

    @Test
    void aPlayKeyOrAnAppStoreConnectKey_addsTheirTargets() {
        LiveTargets live = from(Map.of(LiveTargets.PLAY_CREDENTIALS, "file:/keys/play.json", LiveTargets.ASC_KEY_ID, "ABC123",
                LiveTargets.ASC_ISSUER_ID, "69a6de70-0000-47e3-e053-5b8c7c11a4d1", LiveTargets.ASC_PRIVATE_KEY, "file:/keys/AuthKey.p8"), Map.of());
        assertTrue(live.targets().keySet().containsAll(Set.of(TargetType.GOOGLE_PLAY, TargetType.APP_STORE, TargetType.TESTFLIGHT,
                TargetType.APP_REVIEW)), live.targets().keySet().toString());
        assertTrue(from(Map.of(), Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/keys/play.json")).targets().containsKey(TargetType.GOOGLE_PLAY));
    }

    @Test
    void anAppStoreConnectKeyWithoutItsIssuer_isAConfigurationErrorNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> from(Map.of(LiveTargets.ASC_KEY_ID, "ABC123"), Map.of()));
        assertEquals("ringmaster.app-store-connect.issuer-id is needed with ringmaster.app-store-connect.key-id (docs/targets.md)", e.getMessage());
    }

    @Test
    void anEcrRegistryWithoutAnAwsRegion_isRefusedNamingTheSetting() {
        Target ecr = new Target(TargetType.CONTAINER_RING, Map.of("registry", "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                "repository", "aitherzero"));
        Phase ring0 = new Phase("ring-0", null, null, List.of(), "ring-0", null, null, Duration.ofHours(1), null, null, null, Map.of(), null, List.of());

        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> from(Map.of(), Map.of()).targets()
                .get(TargetType.CONTAINER_RING).enter(ecr, ring0, "1.5.0"));
        assertEquals("an Amazon ECR registry needs an AWS region: set ringmaster.aws.region or AWS_REGION", e.getMessage());
    }

    @Test
    void registryLogins_comeFromADockerConfigDocument_andAnEntryWithoutALoginIsNamedNotQuoted(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        String token = "ghp_s3cr3t";
        Files.writeString(config, "{\"auths\": {\"ghcr.io\": {\"auth\": \"" + Base64.getEncoder().encodeToString(("octo:" + token)
                .getBytes(StandardCharsets.UTF_8)) + "\"}, \"quay.io\": {\"email\": \"" + token + "\"}}}");
        Secrets secrets = new LocalSecrets(Map.of(), null);
        RegistryLogins logins = new RegistryLogins(Optional.of("file:" + config), secrets);

        assertEquals(Optional.of(new RegistryCredentials("octo", token)), logins.apply("ghcr.io"));
        assertEquals(Optional.empty(), logins.apply("127.0.0.1:5000"), "a registry the document does not name is reached anonymously");
        Secrets.Unresolved e = assertThrows(Secrets.Unresolved.class, () -> logins.apply("quay.io"));
        assertEquals("cannot read secret file:" + config + ": auths.quay.io needs 'auth' or 'username' and 'password'", e.getMessage());
        assertFalse(e.getMessage().contains(token));
        assertEquals(Optional.empty(), new RegistryLogins(Optional.empty(), secrets).apply("ghcr.io"), "no document: anonymous");
    }
}

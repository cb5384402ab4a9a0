package dev.ringmaster.adapters.flags;

import static dev.ringmaster.adapters.flags.Flags.map;
import static dev.ringmaster.adapters.flags.Flags.percent;
import static dev.ringmaster.adapters.flags.Flags.store;
import static dev.ringmaster.adapters.flags.Flags.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a plan can get wrong about its flag store or flags, refused before anything is read or written, naming it. */
class FlagDocumentsInputTest {
    @TempDir
    static Path dir;

    private final FlagDocuments flags = new FlagDocuments(null, null);

    static Stream<Arguments> badStores() {
        return Stream.of(
                Arguments.of(store("launchdarkly", "url", "file:x.json"), "flag store provider 'launchdarkly' is unknown: one of appconfig, json"),
                Arguments.of(store(null), "flag store provider: missing (one of appconfig, json)"),
                Arguments.of(store("json"), "flag store url: missing; provider json needs url: s3://BUCKET/KEY or file:PATH"),
                Arguments.of(store("json", "url", "ftp://flags/app.json"), "flag store url 'ftp://flags/app.json' must start with s3:// or file:"),
                Arguments.of(store("json", "url", "s3://flags"), "flag store url 's3://flags' must be s3://BUCKET/KEY (a bucket and an object key)"),
                Arguments.of(store("json", "url", "s3:///app.json"), "flag store url 's3:///app.json' must be s3://BUCKET/KEY (a bucket and an object key)"),
                Arguments.of(store("json", "url", "s3://flags/app.json"),
                        "flag store url 's3://flags/app.json': no S3 client in this deployment (AWS credentials and region)"),
                Arguments.of(store("json", "url", "file:"), "flag store url 'file:' names no file"),
                Arguments.of(store("json", "url", "file://fileserver/flags.json"),
                        "flag store url 'file://fileserver/flags.json': a file: url names a local file (file:///PATH), not a host"),
                Arguments.of(store("json", "url", "file:" + dir.resolve("missing/flags.json")),
                        "flag store url 'file:" + dir.resolve("missing/flags.json") + "': directory " + dir.resolve("missing") + " does not exist"),
                Arguments.of(store("appconfig", "application", "abc1234"), "flag store provider appconfig needs environment, profile"),
                Arguments.of(store("appconfig", "application", "abc1234", "environment", "env5678", "profile", "prf9012"),
                        "flag store provider appconfig: no AppConfig client in this deployment (AWS credentials and region)"));
    }

    @ParameterizedTest
    @MethodSource("badStores")
    void aStoreThatCannotBeReached_isRefusedNamingTheFieldAndValue(FlagStore store, String message) {
        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> flags.write(store, map("system.canary.enabled", false)));

        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Map.of("new_features", 150.0), "flag new_features: 150.0 is neither a percentage 0–100 nor true/false"),
                Arguments.of(Map.of("new_features", -1), "flag new_features: -1 is neither a percentage 0–100 nor true/false"),
                Arguments.of(Map.of("debug_menu", "on"), "flag debug_menu: on is neither a percentage 0–100 nor true/false"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aFlagValueThatIsNeitherAPercentageNorOnOff_isRefused(Map<String, Object> values, String message) {
        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class,
                () -> flags.write(store("json", "url", "file:" + dir.resolve("flags.json")), values));

        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> badTargets() {
        String url = "file:" + dir.resolve("target.json");
        Phase audienceless = new Phase("ring-0", null, null, List.of(), "ring-0", null, null, null, null, null, null, Map.of(), null, List.of());
        return Stream.of(
                Arguments.of(new Target(TargetType.FEATURE_FLAG, Map.of("provider", "json", "url", url)), percent(10),
                        "flag null (json): required: flag"),
                Arguments.of(target("canary", "provider", "json", "url", url), audienceless,
                        "flag canary (json) ring ring-0: a feature-flag phase needs a percentage or a cohort"),
                Arguments.of(target("canary", "provider", "json", "url", "http://flags/app.json"), percent(10),
                        "flag store url 'http://flags/app.json' must start with s3:// or file:"));
    }

    @ParameterizedTest
    @MethodSource("badTargets")
    void aFeatureFlagTargetMissingWhatItNeeds_isRefused(Target target, Phase phase, String message) {
        RolloutTarget.Refused e = assertThrows(RolloutTarget.Refused.class, () -> flags.enter(target, phase, "2.1.0"));

        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> appConfigKeys() {
        String rule = " does not match AppConfig's ^[a-z][a-zA-Z\\d_-]{0,63}$ (a lower-case letter first, then letters, digits, _ or -, 64 at most)";
        return Stream.of(
                Arguments.of("system.canary.enabled", "system__canary/enabled", null),
                Arguments.of("canary.cohorts.internal_test.percentage", "canary__cohorts__internal_test/pct", null),
                Arguments.of("canary.version", "canary/version", null),
                Arguments.of("audiences.phase-1.new_features", "audiences__phase-1__new_features/null", null),
                Arguments.of("Canary.enabled", null, "flag 'Canary.enabled' cannot be an AppConfig flag: its key 'Canary'" + rule),
                Arguments.of("canary.ünicode.enabled", null, "flag 'canary.ünicode.enabled' cannot be an AppConfig flag: its key 'canary__ünicode'" + rule),
                Arguments.of("a".repeat(65), null, "flag '" + "a".repeat(65) + "' cannot be an AppConfig flag: its key '" + "a".repeat(65) + "'" + rule),
                Arguments.of("canary.my__cohort.enabled", null, "flag 'canary.my__cohort.enabled' cannot be an AppConfig flag: its part 'my__cohort'"
                        + " is empty or holds '__', which joins the parts of a dotted name into an AppConfig key"),
                Arguments.of("canary..enabled", null, "flag 'canary..enabled' cannot be an AppConfig flag: its part ''"
                        + " is empty or holds '__', which joins the parts of a dotted name into an AppConfig key"));
    }

    @ParameterizedTest
    @MethodSource("appConfigKeys")
    void dottedFlagNames_mapToAppConfigKeys_orAreRefusedNamingTheFlag(String flag, String place, String refusal) {
        if (refusal == null) {
            AppConfigFlagDocument.Place p = AppConfigFlagDocument.place(flag);
            assertEquals(place, p.key() + "/" + p.attribute());
        } else {
            assertEquals(refusal, assertThrows(RolloutTarget.Refused.class, () -> AppConfigFlagDocument.place(flag)).getMessage());
        }
    }
}

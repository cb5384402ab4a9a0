package dev.ringmaster.core.tags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 001 "Docker Image Tagging Strategy" and "Container Labels & Metadata". */
class RingTagsTest {

    private static final String SHA_123 = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    @Test
    void ringZeroPrGetsTheSeedsFiveTags() {
        TagSet set = RingTags.forPullRequest("ring-0", 123, 42, SHA_123);
        assertEquals(List.of("pr-123-ring-0-v42", "pr-123-ring-0-latest", "ring-0-pr-123-latest", "pr-123-latest",
                "pr-123-a1b2c3d4"), set.tags());
        assertEquals(Optional.of("ring-0"), set.ring());
        assertEquals(List.of(), set.notes());
    }

    @Test
    void devStagingPrGetsStagingRingTag() {
        TagSet set = RingTags.forPullRequest("dev-staging", 456, 15, "5e6f7a8b9c");
        assertEquals(List.of("pr-456-dev-staging-v15", "pr-456-dev-staging-latest", "staging-pr-456-latest",
                "pr-456-latest", "pr-456-5e6f7a8b"), set.tags());
        assertEquals(Optional.of("staging"), set.ring());
    }

    @Test
    void productionReleaseGetsVersionLatestStableSha() {
        TagSet set = RingTags.forRelease("1.5.0", "9c8d7e6f5a4b3c2d1e0f");
        assertEquals(List.of("1.5.0", "latest", "stable", "sha-9c8d7e6f"), set.tags());
        assertEquals(Optional.of("production"), set.ring());
    }

    @ParameterizedTest(name = "{0} PR {1} → ring tag {2}")
    @CsvSource({
            "ring-0-integrations, 7, ring-0-pr-7-latest",
            "ring-1-integrations, 8, ring-1-pr-8-latest",
            "ring-2,              9, ring-2-pr-9-latest",
            "develop,            10, dev-pr-10-latest",
    })
    void ringTagUsesTheRingNameFromTheMap(String branch, int pr, String ringTag) {
        assertEquals(ringTag, RingTags.forPullRequest(branch, pr, 1, "abcdef1").tags().get(2));
    }

    @Test
    void unknownBranchGetsPrTagsOnlyAndSaysSo() {
        TagSet set = RingTags.forPullRequest("feature/login", 77, 3, "ABCDEF0123");
        assertEquals(List.of("pr-77-feature-login-v3", "pr-77-feature-login-latest", "pr-77-latest", "pr-77-abcdef01"),
                set.tags());
        assertEquals(Optional.empty(), set.ring());
        assertEquals(List.of(
                "branch 'feature/login' is not in the ring map (dev, develop, dev-staging, ring-0*, ring-1*, ring-2, main): "
                        + "PR tags only, no ring tag",
                "branch 'feature/login' appears in tags as 'feature-login'"), set.notes());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "Feature/Login,       feature-login",
            "fix/JIRA-12_a.b,     fix-jira-12_a.b",
            "user@host:topic,     user-host-topic",
    })
    void branchBecomesAValidTagComponent(String branch, String component) {
        TagSet set = RingTags.forPullRequest(branch, 1, 1, "abcdef1");
        assertEquals("pr-1-" + component + "-v1", set.tags().get(0));
        set.tags().forEach(t -> assertTrue(RingTags.OCI_TAG.matcher(t).matches(), t));
    }

    @Test
    void longBranchIsCutSoEveryTagFitsAndSaysSo() {
        TagSet set = RingTags.forPullRequest("feature-" + "x".repeat(200), 12345, 678, "abcdef1");
        set.tags().forEach(t -> assertTrue(t.length() <= RingTags.MAX_TAG && RingTags.OCI_TAG.matcher(t).matches(), t));
        assertEquals(RingTags.MAX_TAG, set.tags().get(1).length(), "the -latest tag uses all the room");
        assertTrue(set.notes().get(1).startsWith("branch part cut to 112 characters"), set.notes().toString());
    }

    @Test
    void prLabelsCarryRingBranchPrAndIteration() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("org.opencontainers.image.version", "pr-123-v42");
        expected.put("org.opencontainers.image.revision", SHA_123);
        expected.put("dev.ringmaster.deployment.ring", "ring-0");
        expected.put("dev.ringmaster.branch.name", "ring-0");
        expected.put("dev.ringmaster.pr.number", "123");
        expected.put("dev.ringmaster.build.iteration", "42");
        assertEquals(List.copyOf(expected.entrySet()),
                List.copyOf(RingTags.forPullRequest("ring-0", 123, 42, SHA_123).labels().entrySet()));
    }

    @Test
    void seed001CustomLabelPrefix_namesEveryRingmasterLabel() {
        ImageMetadata aitherzero = new ImageMetadata(null, null, null, "com.aitherzero");
        Map<String, String> labels = RingTags.forPullRequest("ring-0", 123, 42, SHA_123, aitherzero).labels();
        assertEquals("ring-0", labels.get("com.aitherzero.deployment.ring"));
        assertEquals("123", labels.get("com.aitherzero.pr.number"));
        assertEquals("42", labels.get("com.aitherzero.build.iteration"));
        assertFalse(labels.keySet().stream().anyMatch(k -> k.startsWith("dev.ringmaster.")), labels.toString());
        assertEquals("pr-123-v42", labels.get("org.opencontainers.image.version"), "OCI labels keep their own names");
    }

    @Test
    void unmappedBranchHasNoRingLabel() {
        Map<String, String> labels = RingTags.forPullRequest("feature/login", 77, 3, "abcdef1").labels();
        assertFalse(labels.containsKey("dev.ringmaster.deployment.ring"));
        assertEquals("feature/login", labels.get("dev.ringmaster.branch.name"));
    }

    @Test
    void releaseLabelsCarryVersionAndProductionRing() {
        Map<String, String> labels = RingTags.forRelease("1.5.0", "9C8D7E6F5A4B3C2D1E0F").labels();
        assertEquals(Map.of(
                "org.opencontainers.image.version", "1.5.0",
                "org.opencontainers.image.revision", "9c8d7e6f5a4b3c2d1e0f",
                "dev.ringmaster.deployment.ring", "production",
                "dev.ringmaster.branch.name", "main"), labels);
    }

    @Test
    void optionalMetadataAddsTitleSourceCreatedAndSeedTimestamp() {
        ImageMetadata meta = new ImageMetadata("ringmaster", "https://github.com/example/ringmaster",
                Instant.parse("2025-01-11T15:45:30.250Z"));
        Map<String, String> labels = RingTags.forPullRequest("ring-0", 123, 42, SHA_123, meta).labels();
        assertEquals("ringmaster", labels.get("org.opencontainers.image.title"));
        assertEquals("https://github.com/example/ringmaster", labels.get("org.opencontainers.image.source"));
        assertEquals("2025-01-11T15:45:30Z", labels.get("org.opencontainers.image.created"));
        assertEquals("20250111-154530", labels.get("dev.ringmaster.build.timestamp"));
        assertEquals("20250111-154530",
                RingTags.forRelease("1.5.0", "9c8d7e6", meta).labels().get("dev.ringmaster.build.timestamp"));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("pr zero", () -> RingTags.forPullRequest("ring-0", 0, 1, "abcdef1"), "pr must be ≥ 1, got 0"),
                bad("iteration zero", () -> RingTags.forPullRequest("ring-0", 1, 0, "abcdef1"), "iteration must be ≥ 1, got 0"),
                bad("sha too short", () -> RingTags.forPullRequest("ring-0", 1, 1, "abc12"), "sha must be 7–40 hex characters, got 'abc12'"),
                bad("sha not hex", () -> RingTags.forPullRequest("ring-0", 1, 1, "zzzzzzzz"), "sha must be 7–40 hex characters, got 'zzzzzzzz'"),
                bad("sha too long", () -> RingTags.forRelease("1.0.0", "a".repeat(41)), "sha must be 7–40 hex characters, got '" + "a".repeat(41) + "'"),
                bad("sha missing", () -> RingTags.forRelease("1.0.0", null), "sha must be 7–40 hex characters, got null"),
                bad("branch blank", () -> RingTags.forPullRequest(" ", 1, 1, "abcdef1"), "branch must not be blank, got ' '"),
                bad("branch missing", () -> RingTags.forPullRequest(null, 1, 1, "abcdef1"), "branch must not be blank, got null"),
                bad("version blank", () -> RingTags.forRelease("", "abcdef1"), "version must not be blank, got ''"),
                bad("version not a tag", () -> RingTags.forRelease("1.5.0+build", "abcdef1"),
                        "version must be a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}), got '1.5.0+build'"),
                bad("version starts with a dot", () -> RingTags.forRelease(".1", "abcdef1"),
                        "version must be a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}), got '.1'"),
                bad("blank title", () -> new ImageMetadata(" ", null, null), "title must not be blank when given, got ' '"),
                bad("label prefix not reverse-DNS", () -> new ImageMetadata(null, null, null, "AitherZero"),
                        "labelPrefix must be a reverse-DNS name like com.aitherzero, got 'AitherZero'"));
    }

    private static Arguments bad(String name, Executable call, String message) {
        return Arguments.of(name, call, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRejectedNamingFieldAndValue(String name, Executable call, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}

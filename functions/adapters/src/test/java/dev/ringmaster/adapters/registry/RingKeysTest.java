package dev.ringmaster.adapters.registry;

import static dev.ringmaster.adapters.registry.Fixtures.ring;
import static dev.ringmaster.adapters.registry.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan's container-ring keys: which build, which tag a ring gets, which tags are ring tags. */
class RingKeysTest {

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "{ring}-latest,  ring-1-latest,            ring-1",
            "{ring}-latest,  ring-0-integrations-latest, ring-0-integrations",
            "{ring}-latest,  1.5.0,                    -",
            "{ring}-latest,  latest,                   -",
            "{ring}-latest,  ring-1-latest-old,        -",
            "stable-{ring},  stable-ring-2,            ring-2",
            "{ring}.current, ring-2.current,           ring-2",
            "{ring}.current, ring-2xcurrent,           -",
    })
    void ringTagPattern_namesTheRingOfMatchingTagsOnly(String pattern, String tag, String ring) {
        assertEquals(Optional.ofNullable(ring), RingKeys.listing("ghcr.io", "wizzense/aitherzero", pattern).ringOf(tag));
    }

    @Test
    void build_isTheDigestOrTagGiven_elseTheVersionAsATag() {
        String digest = "sha256:" + "a".repeat(64);
        assertEquals(digest, RingKeys.of(target("ghcr.io", "w/a", "build", Map.of("digest", digest)), "1.5.0").build());
        assertEquals("sha-9c8d7e6f", RingKeys.of(target("ghcr.io", "w/a", "build", Map.of("tag", "sha-9c8d7e6f")), "1.5.0").build());
        assertEquals("1.5.0", RingKeys.of(target("ghcr.io", "w/a"), "1.5.0").build());
        assertEquals("ring-1-latest", RingKeys.of(target("ghcr.io", "w/a"), "1.5.0").tagFor(ring("ring-1")));
    }

    @Test
    void versionThatIsNotATag_isRefusedAskingForABuild() {
        Refused refused = assertThrows(Refused.class, () -> RingKeys.of(target("ghcr.io", "w/a"), "1.5.0+build.7"));
        assertTrue(refused.getMessage().contains("give the ring tag ghcr.io/w/a target build: {digest: sha256:…} or {tag: …}"), refused.getMessage());
    }

    @Test
    void repositoryThatCouldLeaveItsPath_isRefused() {
        assertThrows(Refused.class, () -> RingKeys.of(target("ghcr.io", "../../v2/other"), "1.5.0"));
        assertThrows(Refused.class, () -> RingKeys.of(target("ghcr.io", "Wizzense/AitherZero"), "1.5.0"));
    }

    @Test
    void malformedLastGood_isRefused() {
        Refused refused = assertThrows(Refused.class, () -> RingKeys.of(target("ghcr.io", "w/a", "lastGood", "sha256:abc"), "1.5.0"));
        assertEquals("last good digest 'sha256:abc' must be sha256: and 64 lowercase hex digits", refused.getMessage());
    }
}

package dev.ringmaster.core.tags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seed 001 "Ring Definitions" and the PR-based deployment flow's branch decision. */
class RingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "none", value = {
            "dev,                 dev",
            "develop,             dev",
            "dev-staging,         staging",
            "ring-0,              ring-0",
            "ring-0-integrations, ring-0",
            "ring-1,              ring-1",
            "ring-1-integrations, ring-1",
            "ring-2,              ring-2",
            "main,                production",
            "feature/login,       none",
            "ring-2-integrations, none",
            "staging,             none",
            "Main,                none",
    })
    void branchToRingMap(String branch, String ring) {
        assertEquals(Optional.ofNullable(ring), Ring.forBranch(branch).map(r -> r.key));
    }

    @Test
    void mapIsDescribedAsTheSeedWritesIt() {
        assertEquals("dev, develop, dev-staging, ring-0*, ring-1*, ring-2, main", Ring.describeMap());
    }
}

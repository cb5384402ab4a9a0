package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.REGISTRY;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.ring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimRegistryTest {
    private final SimRegistry registry = new SimRegistry(new VirtualClock(T0));

    @Test
    void registryRollbackRestoresLastGoodDigest() {
        registry.enter(REGISTRY, ring("ring-0"), "1.4.0");
        registry.enter(REGISTRY, ring("ring-0"), "1.5.0");
        registry.enter(REGISTRY, ring("ring-0"), "1.5.0");

        registry.rollback(REGISTRY, ring("ring-0"), "1.5.0");

        assertEquals(Optional.of(SimRegistry.digestOf("1.4.0")), registry.digest("ghcr.io", "wizzense/aitherzero", "ring-0"),
                "entering 1.5.0 twice must not make 1.5.0 its own last good digest");
    }

    @Test
    void registryRollbackWithoutEarlierDigestIsRefused() {
        registry.enter(REGISTRY, ring("ring-0"), "1.5.0");

        Refused e = assertThrows(Refused.class, () -> registry.rollback(REGISTRY, ring("ring-0"), "1.5.0"));

        assertEquals("no earlier digest for ring ring-0", e.getMessage());
    }

    @Test
    void registryRollbackOfARingThatNoLongerServesTheVersionChangesNothing() {
        registry.enter(REGISTRY, ring("ring-0"), "1.4.0");
        registry.enter(REGISTRY, ring("ring-0"), "1.5.0");
        registry.rollback(REGISTRY, ring("ring-0"), "1.5.0");

        registry.rollback(REGISTRY, ring("ring-0"), "1.5.0");

        assertEquals(Optional.of(SimRegistry.digestOf("1.4.0")), registry.digest("ghcr.io", "wizzense/aitherzero", "ring-0"));
    }

    @Test
    void registryDigestIsTheSha256OfTheVersion() {
        // the same digest in every run and report (printf 1.5.0 | sha256sum)
        assertEquals("sha256:1f4dc096d58f7d21e3875671aee6f29b120ab84218fa47db2cb53bc9eb5b4dac", SimRegistry.digestOf("1.5.0"));
    }
}

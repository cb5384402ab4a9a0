package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.TESTFLIGHT;
import static dev.ringmaster.testkit.sim.Fixtures.groups;
import static dev.ringmaster.testkit.sim.Fixtures.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimTestFlightTest {
    private final SimTestFlight testFlight = new SimTestFlight(new VirtualClock(T0));

    @Test
    void testFlightAddsBuildToGroupsOnce() {
        testFlight.enter(TESTFLIGHT, groups("eng-team", "qa"), "2.1.0");
        testFlight.enter(TESTFLIGHT, groups("eng-team", "qa"), "2.1.0");

        assertEquals(Set.of("2.1.0"), testFlight.builds("1234567890", "eng-team"));
        assertEquals(Set.of("2.1.0"), testFlight.builds("1234567890", "qa"));
        assertEquals("IN_BETA_TESTING", testFlight.observe(TESTFLIGHT, "2.1.0").status());
        assertFalse(testFlight.calls().stream().anyMatch(Call::refused), "adding twice is no error");
    }

    @Test
    void testFlightUsesTheTargetsGroupsWhenThePhaseNamesNone() {
        Target twoGroups = new Target(TargetType.TESTFLIGHT, Map.of("appId", "1234567890", "betaGroups", List.of("a", "b")));

        testFlight.enter(TESTFLIGHT, percent(1), "2.1.0");
        testFlight.enter(twoGroups, percent(1), "2.1.0");

        assertEquals(Set.of("2.1.0"), testFlight.builds("1234567890", "eng-team"));
        assertEquals(Set.of("2.1.0"), testFlight.builds("1234567890", "b"));
    }

    @Test
    void testFlightHaltAndRollbackRemoveTheBuildFromTheGroups() {
        testFlight.enter(TESTFLIGHT, groups("eng-team", "qa"), "2.1.0");

        testFlight.halt(TESTFLIGHT, groups("qa"), "2.1.0");
        assertEquals(Set.of(), testFlight.builds("1234567890", "qa"));
        testFlight.rollback(TESTFLIGHT, groups("eng-team", "qa"), "2.1.0");

        assertEquals("NOT_IN_BETA_TESTING", testFlight.observe(TESTFLIGHT, "2.1.0").status());
    }

    @Test
    void testFlightWithoutAnyGroupIsRefused() {
        Target noGroup = new Target(TargetType.TESTFLIGHT, Map.of("appId", "1234567890"));

        Refused e = assertThrows(Refused.class, () -> testFlight.enter(noGroup, percent(1), "2.1.0"));

        assertEquals("no beta group: the phase needs groups or the target betaGroup/betaGroups", e.getMessage());
    }
}

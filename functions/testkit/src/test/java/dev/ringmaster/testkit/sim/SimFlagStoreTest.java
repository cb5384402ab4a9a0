package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.FLAG;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.cohort;
import static dev.ringmaster.testkit.sim.Fixtures.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.TargetState;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimFlagStoreTest {
    private static final FlagStore STORE = new FlagStore("json", Map.of("url", "s3://approvals-flags/canary.json"));
    private final SimFlagStore flags = new SimFlagStore(new VirtualClock(T0));

    @Test
    void flagStoreSetsCohortFlagsFromSeed004() {
        Path file = Path.of(System.getProperty("ringmaster.root", "../..")).resolve("events/plans/004-canary-cohorts.yaml");
        ParseResult parsed = PlanParser.parse(file);
        assertTrue(parsed.ok(), parsed.errors().toString());
        Plan plan = parsed.plan();

        for (Phase phase : plan.phases().subList(0, 3)) {
            flags.enter(plan.targetOf(phase), phase, plan.version());
        }
        flags.rollback(plan.targetOf(plan.phases().get(2)), plan.phases().get(2), plan.version());

        // seed 004's "Feature Flag Configuration", as far as a rollout writes it; the rolled-back beta cohort is off
        Map<String, Object> seed = Map.of("canary", Map.of(
                "enabled", true,
                "version", "2.1.0",
                "cohorts", Map.of(
                        "internal_test", Map.of("enabled", true, "percentage", 0.5),
                        "friendly_gp", Map.of("enabled", true, "percentage", 5.0),
                        "beta", Map.of("enabled", false, "percentage", 0.0))));
        assertEquals(seed, flags.snapshot());
    }

    @Test
    void flagPercentPhaseSetsTheFlagsRolloutPercentageAndRollbackZeroesIt() {
        assertEquals(new TargetState("enabled", 10, "no cohort enabled"), flags.enter(FLAG, percent(10), "2.1.0"));

        flags.rollback(FLAG, percent(10), "2.1.0");

        assertEquals(Optional.of(0.0), flags.value("canary.percentage"));
        assertEquals(Optional.of(false), flags.value("canary.enabled"), "a withdrawn canary is off, not on at 0 %");
    }

    @Test
    void flagWriterSetsPercentagesAndSwitches() {
        flags.write(STORE, Map.of("new_features", 50, "debug_menu", true, "system.canary.enabled", false));

        assertEquals(Optional.of(50), flags.value("new_features"));
        assertEquals(Optional.of(Map.of("enabled", false)), flags.value("system.canary"));
    }

    static Stream<Arguments> notFlagValues() {
        return Stream.of(
                Arguments.of("text", "on"),
                Arguments.of("above 100", 101),
                Arguments.of("below 0", -1),
                Arguments.of("not a number", Double.NaN),
                Arguments.of("a list", java.util.List.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notFlagValues")
    void flagWriterRefusesValuesOtherThanPercentagesAndBooleans(String name, Object value) {
        Refused e = assertThrows(Refused.class, () -> flags.write(STORE, Map.of("new_features", value)));

        assertTrue(e.getMessage().endsWith("is neither a percentage 0–100 nor true/false"), e.getMessage());
        assertEquals(Map.of(), flags.snapshot(), "a refused write changes nothing");
    }

    @Test
    void flagPathThroughAValueIsRefusedAndNothingIsWritten() {
        flags.write(STORE, Map.of("checkout", true));

        Refused e = assertThrows(Refused.class, () -> flags.write(STORE, Map.of("debug", true, "checkout.pct", 10)));

        assertEquals("flag checkout is a value, so checkout.pct cannot be set", e.getMessage());
        assertEquals(Map.of("checkout", true), flags.snapshot());
    }

    @Test
    void flagCohortPhaseEnablesOnlyThatCohort() {
        flags.enter(FLAG, cohort("beta", 25.0), "2.1.0");

        assertEquals("cohorts enabled: beta 25%", flags.observe(FLAG, "2.1.0").detail());
    }
}

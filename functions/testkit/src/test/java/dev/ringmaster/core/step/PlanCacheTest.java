package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A tick every five minutes must not re-read YAML every time; a stored plan edited by hand is named. */
class PlanCacheTest {

    @Test
    void theSamePlanTextIsParsedOnce() {
        PlanCache cache = new PlanCache();

        assertSame(cache.get(StepWorld.ID, StepWorld.HEALTHY), cache.get(StepWorld.ID, StepWorld.HEALTHY));
    }

    @Test
    void aStoredPlanThatNoLongerParses_failsNamingTheRollout() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PlanCache().get("r1", "kind: RolloutPlan\n"));

        assertTrue(e.getMessage().startsWith("stored plan of r1 is invalid"), e.getMessage());
    }
}

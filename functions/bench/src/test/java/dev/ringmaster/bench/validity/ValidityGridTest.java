package dev.ringmaster.bench.validity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.policy.NaivePolicy;
import dev.ringmaster.bench.policy.RingmasterPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grid tells a valid test from an invalid one on the same healthy rollouts. */
class ValidityGridTest {

    @Test
    void aPerTickPointComparisonHaltsNearlyEveryHealthyRolloutWhileRingmasterStaysUnderAlpha() {
        List<Policy> policies = List.of(new NaivePolicy(), new RingmasterPolicy(ValidityGrid.SPAN));
        List<ValidityGrid.Cell> cells = ValidityGrid.run(policies, 40, 3);
        assertEquals(ValidityGrid.RATES.length * ValidityGrid.SESSIONS.length * policies.size(), cells.size());
        for (ValidityGrid.Cell c : cells) {
            if (c.policy().equals("naive")) {
                assertTrue(c.falseHaltRate() >= 0.9, () -> "naive at " + c + " should halt healthy rollouts");
            } else {
                assertTrue(c.falseHaltRate() <= ValidityGrid.ALPHA, () -> "ringmaster at " + c);
            }
        }
    }
}

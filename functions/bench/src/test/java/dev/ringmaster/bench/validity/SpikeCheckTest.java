package dev.ringmaster.bench.validity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.PlanParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Seed 004: "error rate > 1 % for 5 minutes" is about the last five minutes, even 40 hours into the beta cohort. */
class SpikeCheckTest {

    @Test
    void theFiveMinuteRuleHaltsALateSpikeWithinThirtyMinutesAndNeverBeforeIt() {
        ParseResult plan = PlanParser.parse(Path.of("../../events/plans/004-canary-cohorts.yaml"));
        assertTrue(plan.ok(), () -> plan.errors().toString());
        SpikeCheck.Result r = SpikeCheck.run(plan.plan(), 20, 5);
        assertEquals("beta", r.phase());
        assertEquals(0.0, r.falseHaltRate(), "halted on the healthy 40 hours");
        assertEquals(0.0, r.missedRate(), "never halted after the spike");
        assertTrue(r.max() <= 30, () -> "worst " + r.max() + " minutes after the onset");
        // 5-minute ticks: the first tick after the onset and the next one make the 5 minutes of `for`.
        assertEquals(10.0, r.median(), 1e-9);
    }
}

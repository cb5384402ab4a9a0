package dev.ringmaster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.bench.policy.NaivePolicy;
import dev.ringmaster.bench.policy.OraclePolicy;
import dev.ringmaster.bench.policy.RingmasterPolicy;
import dev.ringmaster.bench.policy.SustainedPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small benchmark: the oracle is the lower bound on exposure among policies that do not halt healthy builds. */
class BenchTest {
    private static final int RUNS = 30;

    @Test
    void theOracleIsNeverBeatenByMoreThanNoise() {
        List<Policy> policies = List.of(new NaivePolicy(), new SustainedPolicy(), new RingmasterPolicy(), new OraclePolicy());
        List<BenchScenario> scenarios = BenchSuite.scenarios().stream()
                .filter(s -> List.of("healthy", "crash-x2", "crash-x5", "error-regression").contains(s.name())).toList();
        List<BenchResult> results = Bench.run(policies, scenarios, RUNS, 7);
        for (BenchResult bad : results.stream().filter(r -> !Double.isNaN(r.meanExposure()) && !r.policy().equals("oracle")).toList()) {
            BenchResult healthy = find(results, "healthy", bad.traffic(), bad.policy());
            if (healthy.falseHaltRate() > 0.01) {
                continue; // halting everything early is cheap in exposure and says nothing about detection
            }
            BenchResult oracle = find(results, bad.scenario(), bad.traffic(), "oracle");
            assertTrue(oracle.meanExposure() <= bad.meanExposure() * 1.3,
                    bad.policy() + " beat the oracle on " + bad.scenario() + "/" + bad.traffic() + ": " + bad.meanExposure() + " < " + oracle.meanExposure());
        }
        assertEquals(0.0, find(results, "healthy", "large", "oracle").falseHaltRate(), "the oracle knows a healthy build");
    }

    @Test
    void commonRandomNumbersGiveEveryPolicyTheSameObservations() {
        BenchScenario healthy = BenchSuite.scenarios().get(0);
        RunOutcome a = BenchRun.run(new NaivePolicy(), healthy, 200_000, 42);
        RunOutcome b = BenchRun.run(new NaivePolicy(), healthy, 200_000, 42);
        assertEquals(a, b);
        assertEquals(BenchRun.mix(1, 0, 5), BenchRun.mix(1, 0, 5));
        assertTrue(BenchRun.mix(1, 0, 5) != BenchRun.mix(1, 1, 5));
    }

    private static BenchResult find(List<BenchResult> results, String scenario, String traffic, String policy) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic) && r.policy().equals(policy))
                .findFirst().orElseThrow();
    }
}

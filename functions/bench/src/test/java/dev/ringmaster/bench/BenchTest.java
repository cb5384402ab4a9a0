package dev.ringmaster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.bench.policy.NaivePolicy;
import dev.ringmaster.bench.policy.OraclePolicy;
import dev.ringmaster.bench.policy.RingmasterPolicy;
import dev.ringmaster.bench.policy.SustainedPolicy;
import dev.ringmaster.core.gate.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void commonRandomNumbers_twoPoliciesThatDecideDifferentlySeeTheSameObservationsWhileTheyBothRun() {
        BenchScenario bad = BenchSuite.scenarios().stream().filter(sc -> sc.name().equals("crash-x2")).findFirst().orElseThrow();
        Recording holdsOn = new Recording(Integer.MAX_VALUE);
        Recording haltsEarly = new Recording(10);

        RunOutcome held = BenchRun.run(holdsOn, bad, 200_000, 42);
        RunOutcome halted = BenchRun.run(haltsEarly, bad, 200_000, 42);

        assertEquals(dev.ringmaster.core.rollout.RolloutState.HALTED, halted.outcome());
        assertTrue(held.ticks() > halted.ticks(), held + " vs " + halted);
        assertEquals(10, haltsEarly.seen.size());
        assertEquals(holdsOn.seen.subList(0, 10), haltsEarly.seen, "tick k of a phase draws the same sessions for every policy");
        assertTrue(!holdsOn.seen.get(0).equals(holdsOn.seen.get(1)), "and different ones from tick to tick");
    }

    /** A policy that holds, records what it is shown, and fails at tick {@code failAt}: decisions differ, observations must not. */
    private static final class Recording implements Policy {
        final List<Map<String, Sample>> seen = new ArrayList<>();
        final int failAt;

        Recording(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
            return (at, observed) -> {
                seen.add(Map.copyOf(observed));
                return seen.size() >= failAt ? PhaseJudge.Call.FAIL : PhaseJudge.Call.HOLD;
            };
        }
    }

    private static BenchResult find(List<BenchResult> results, String scenario, String traffic, String policy) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic) && r.policy().equals(policy))
                .findFirst().orElseThrow();
    }
}

package dev.ringmaster.cli;

import dev.ringmaster.bench.BenchSuite;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.peers.ArgoPolicy;
import dev.ringmaster.bench.peers.FlaggerPolicy;
import dev.ringmaster.bench.peers.GrowthBookPolicy;
import dev.ringmaster.bench.peers.KayentaPolicy;
import dev.ringmaster.bench.peers.LaunchDarklyPolicy;
import dev.ringmaster.bench.policy.NaivePolicy;
import dev.ringmaster.bench.policy.OraclePolicy;
import dev.ringmaster.bench.policy.RingmasterPolicy;
import dev.ringmaster.bench.policy.SustainedPolicy;
import dev.ringmaster.bench.validity.ValidityGrid;
import java.util.List;

/** The policies of the benchmark, in the order of the table. */
final class BenchPolicies {
    private BenchPolicies() {
    }

    static List<Policy> all() {
        return List.of(new NaivePolicy(), new SustainedPolicy(), new ArgoPolicy(), new FlaggerPolicy(), new KayentaPolicy(),
                new GrowthBookPolicy(), GrowthBookPolicy.atPlanBudget(BenchSuite.FALSE_HALT_RATE, BenchSuite.METRICS.size()),
                new LaunchDarklyPolicy(), new RingmasterPolicy(), new OraclePolicy());
    }

    /** The sequential policies the validity grid holds to their error rates, ringmaster over the grid's 7-day phase. */
    static List<Policy> sequential() {
        return List.of(new GrowthBookPolicy(), new LaunchDarklyPolicy(), new RingmasterPolicy(ValidityGrid.SPAN));
    }
}

package dev.ringmaster.cli;

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
import java.util.List;

/** The policies of the benchmark, in the order of the table. */
final class BenchPolicies {
    private BenchPolicies() {
    }

    static List<Policy> all() {
        return List.of(new NaivePolicy(), new SustainedPolicy(), new ArgoPolicy(), new FlaggerPolicy(), new KayentaPolicy(),
                new GrowthBookPolicy(), new LaunchDarklyPolicy(), new RingmasterPolicy(), new OraclePolicy());
    }
}

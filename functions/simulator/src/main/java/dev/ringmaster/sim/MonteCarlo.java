package dev.ringmaster.sim;

import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.RolloutState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Many seeded runs of one plan and scenario, spread over the machine's cores, each on its own in-memory
 * store; run i uses seed {@code seed + i}, so any run can be replayed alone.
 */
public final class MonteCarlo {
    private MonteCarlo() {
    }

    public static SimulationSummary run(String planYaml, Plan plan, Scenario scenario, int runs, long seed) {
        return run(planYaml, plan, scenario, runs, seed, i -> new InMemoryRolloutStore());
    }

    /** @param storeForRun a fresh store for run i (runs share nothing, so they may run in parallel) */
    public static SimulationSummary run(String planYaml, Plan plan, Scenario scenario, int runs, long seed,
                                        IntFunction<RolloutStore> storeForRun) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be ≥ 1, got " + runs);
        }
        Simulator simulator = new Simulator(planYaml, plan, scenario);
        SimulationRun example = simulator.run(seed, storeForRun.apply(0), true);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<SimulationRun> rest;
        try {
            rest = pool.submit(() -> IntStream.range(1, runs).parallel()
                    .mapToObj(i -> simulator.run(seed + i, storeForRun.apply(i), false)).toList()).join();
        } finally {
            pool.shutdown();
        }
        List<SimulationRun> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(example);
        all.addAll(rest);
        return summarise(plan, scenario, all, example);
    }

    /** One detailed run of {@code simulator} (a rehearsal on real targets cannot be repeated in parallel). */
    public static SimulationSummary once(Simulator simulator, Plan plan, Scenario scenario, long seed, RolloutStore store) {
        SimulationRun example = simulator.run(seed, store, true);
        return summarise(plan, scenario, List.of(example), example);
    }

    static SimulationSummary summarise(Plan plan, Scenario scenario, List<SimulationRun> all, SimulationRun example) {
        Map<String, Integer> outcomes = new TreeMap<>();
        all.forEach(r -> outcomes.merge(r.outcome().name(), 1, Integer::sum));
        double[] hours = all.stream().mapToDouble(SimulationRun::hours).sorted().toArray();
        double median = hours.length % 2 == 1 ? hours[hours.length / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2;
        boolean bad = example.bad();
        double meanExposed = bad ? Arrays.stream(all.stream().mapToDouble(SimulationRun::usersExposed).toArray()).average().orElse(0) : 0;
        long halted = all.stream().filter(r -> r.outcome().haltedByRingmaster()).count();
        long completed = all.stream().filter(r -> r.outcome().state() == RolloutState.COMPLETED).count();
        return new SimulationSummary(plan.id(), scenario.name(), all.size(), outcomes, median, meanExposed,
                bad ? 0 : (double) halted / all.size(), bad ? (double) completed / all.size() : 0, example,
                PhaseTime.of(plan, all));
    }
}

package dev.ringmaster.bench;

import dev.ringmaster.core.rollout.RolloutState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Every scenario × traffic × policy, {@code runs} seeded runs each, on every core. */
public final class Bench {
    private Bench() {
    }

    /** A scenario under a plan variant (other margins) runs only under the policies that read margins. */
    public static List<BenchResult> run(List<Policy> policies, List<BenchScenario> scenarios, int runs, long seed) {
        return onEveryCore(() -> {
            List<BenchResult> results = new ArrayList<>();
            for (BenchScenario scenario : scenarios) {
                for (String traffic : BenchSuite.TRAFFIC_ORDER) {
                    double users = BenchSuite.TRAFFIC.get(traffic);
                    for (Policy policy : policies) {
                        if (scenario.metrics() != BenchSuite.METRICS && !policy.readsMargins()) {
                            continue;
                        }
                        RunOutcome[] outcomes = IntStream.range(0, runs).parallel()
                                .mapToObj(i -> BenchRun.run(policy, scenario, users, seed + i)).toArray(RunOutcome[]::new);
                        results.add(summarise(scenario, traffic, policy.name(), outcomes));
                    }
                }
            }
            return results;
        });
    }

    /** Runs {@code work} in a pool as wide as the machine: the parallel streams inside it use every core. */
    public static <T> T onEveryCore(Supplier<T> work) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            return pool.submit(work::get).join();
        } finally {
            pool.shutdown();
        }
    }

    static BenchResult summarise(BenchScenario s, String traffic, String policy, RunOutcome[] runs) {
        int n = runs.length;
        long halted = Arrays.stream(runs).filter(r -> r.outcome() == RolloutState.HALTED).count();
        long paused = Arrays.stream(runs).filter(r -> r.outcome() == RolloutState.PAUSED).count();
        long completed = n - halted - paused;
        double[] exposure = Arrays.stream(runs).mapToDouble(RunOutcome::exposure).sorted().toArray();
        double[] hours = Arrays.stream(runs).filter(r -> r.outcome() == RolloutState.COMPLETED).mapToDouble(RunOutcome::hours).sorted().toArray();
        double[] ticks = Arrays.stream(runs).mapToDouble(RunOutcome::ticks).sorted().toArray();
        return new BenchResult(s.name(), traffic, policy, n,
                s.bad() ? Double.NaN : (double) halted / n,
                (double) paused / n,
                s.bad() ? (double) completed / n : Double.NaN,
                s.bad() ? Arrays.stream(exposure).average().orElse(Double.NaN) : Double.NaN,
                s.bad() ? quantile(exposure, 0.95) : Double.NaN,
                s.bad() ? Double.NaN : quantile(hours, 0.5),
                quantile(ticks, 0.5),
                s.bad() ? Arrays.stream(exposure).boxed().toList() : List.of(),
                s.bad() ? Double.NaN : (double) Arrays.stream(hours).filter(h -> h <= BenchSuite.ON_SCHEDULE_HOURS).count() / n);
    }

    /** Nearest-rank quantile of sorted values; NaN when there are none. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}

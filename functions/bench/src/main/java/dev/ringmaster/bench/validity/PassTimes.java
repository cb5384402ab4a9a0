package dev.ringmaster.bench.validity;

import dev.ringmaster.bench.Bench;
import dev.ringmaster.bench.BenchRun;
import dev.ringmaster.bench.BenchScenario;
import dev.ringmaster.bench.BenchSuite;
import dev.ringmaster.bench.policy.RingmasterPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How long the strict plan's phases take to PASS a healthy build when nothing cuts them short (no maxSoak): the
 * simulated median that `validate --traffic` predicts before the release.
 */
public final class PassTimes {
    /** Far beyond any maxSoak: a phase still undecided then is counted as never. */
    public static final Duration CAP = Duration.ofHours(2000);

    private PassTimes() {
    }

    /** @param medianHours median hours to PASS over the runs (NaN when most runs never PASSed within the cap) */
    public record PassTime(String traffic, int phase, int runs, double medianHours) {
    }

    public static List<PassTime> run(int runs, long seed) {
        BenchScenario healthy = BenchSuite.scenarios().stream().filter(s -> s.name().equals("healthy")).findFirst().orElseThrow();
        RingmasterPolicy policy = new RingmasterPolicy();
        List<PassTime> out = new ArrayList<>();
        for (String traffic : BenchSuite.TRAFFIC_ORDER) {
            double users = BenchSuite.TRAFFIC.get(traffic);
            for (int phase = 0; phase < BenchSuite.AUDIENCE.length - 1; phase++) {
                int p = phase;
                double[] hours = Bench.onEveryCore(() -> IntStream.range(0, runs).parallel()
                        .mapToDouble(r -> BenchRun.hoursToPass(policy, healthy, users, seed + r, p, CAP)).toArray());
                // NaN (never) sorts last, so a median that is NaN means most runs never passed.
                Arrays.sort(hours);
                out.add(new PassTime(traffic, phase, runs, Bench.quantile(hours, 0.5)));
            }
        }
        return out;
    }
}

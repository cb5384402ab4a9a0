package dev.ringmaster.cli;

import dev.ringmaster.bench.BenchSuite;
import dev.ringmaster.bench.validity.PassTimes;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.sim.feasibility.Assumptions;
import dev.ringmaster.sim.feasibility.FeasibilityCheck;
import dev.ringmaster.sim.feasibility.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What `validate events/plans/bench-strict.yaml --traffic N/h` predicts for the benchmark's strict plan, next to
 * what the benchmark simulates: per traffic level and phase, the slowest gate's median time to PASS.
 */
final class BenchPredictions {
    static final String STRICT_PLAN = "events/plans/bench-strict.yaml";
    /** The benchmark's healthy build (BenchSuite's baselines), as `--healthy` would give it. */
    static final Map<String, Double> HEALTHY = Map.of("crash_rate", 0.002, "error_rate", 0.002, "latency_p75", 200.0);

    private BenchPredictions() {
    }

    /** Hours, in the order of {@code simulated}; NaN when the check's median lies beyond its horizon. */
    static List<Double> timeToPass(List<PassTimes.PassTime> simulated) {
        ParseResult parsed = PlanParser.parse(Repo.root().resolve(STRICT_PLAN));
        if (!parsed.ok()) {
            throw new IllegalStateException(STRICT_PLAN + ": " + parsed.errors());
        }
        Plan plan = parsed.plan();
        List<Double> out = new ArrayList<>();
        String traffic = null;
        List<Row> rows = List.of();
        for (PassTimes.PassTime p : simulated) {
            if (!p.traffic().equals(traffic)) {
                traffic = p.traffic();
                rows = FeasibilityCheck.of(plan, Assumptions.atTraffic(BenchSuite.TRAFFIC.get(traffic), HEALTHY));
            }
            String phase = plan.phases().get(p.phase()).name();
            List<Duration> medians = rows.stream().filter(r -> r.phase().equals(phase)).map(Row::medianToPass).toList();
            out.add(medians.stream().anyMatch(Objects::isNull) ? Double.NaN
                    : medians.stream().mapToDouble(d -> d.toSeconds() / 3600.0).max().orElse(Double.NaN));
        }
        return out;
    }
}

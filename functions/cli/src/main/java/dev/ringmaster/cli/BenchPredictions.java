package dev.ringmaster.cli;

import dev.ringmaster.bench.validity.PassTimes;
import java.util.ArrayList;
import java.util.List;

/** What `validate --traffic` predicts for the benchmark's strict plan, next to what the benchmark simulates. */
final class BenchPredictions {
    private BenchPredictions() {
    }

    static List<Double> timeToPass(List<PassTimes.PassTime> simulated) {
        List<Double> out = new ArrayList<>();
        simulated.forEach(p -> out.add(Double.NaN));
        return out;
    }
}

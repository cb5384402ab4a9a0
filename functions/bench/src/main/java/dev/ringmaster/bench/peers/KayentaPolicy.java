package dev.ringmaster.bench.peers;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spinnaker canary stage judged by Kayenta's NetflixACAJudge, one stage per phase (PEERS.md "Kayenta",
 * lines 35-42).
 *
 * <p>Each tick gives every metric one value per side: bad/total for counts, the value for gauges; a tick
 * without sessions is NaN and removed, as Kayenta removes NaN by default (line 35). Every
 * {@code intervalTicks} ticks the judge classifies each metric over the growing lookback, all the phase's
 * values so far ({@link MannWhitneyClassifier}), and scores the metrics as one unweighted group:
 * 100·Pass/(Pass+High+Low+NodataFailMetric), 100 for an empty group, and 0 when at least half the
 * metrics are Nodata (line 41). A score at or below {@code marginal} fails the stage at once (line 42, and
 * orca's MonitorKayentaCanaryTask: {@code canaryScore <= marginal} is TERMINAL). Otherwise the stage may end
 * when the latest score is at least {@code pass}: the judge answers PASS, and HOLD between marginal and pass,
 * or before the first judgement, so the harness pauses at maxSoak where Spinnaker would fail the stage.
 */
public final class KayentaPolicy implements Policy {
    private final int intervalTicks;
    private final double pass;
    private final double marginal;
    private final boolean mustHaveData;

    /** Hourly judgements, thresholds 95/75 (Kayenta's documented example), Nodata not scored. */
    public KayentaPolicy() {
        this(12, 95, 75, false);
    }

    public KayentaPolicy(int intervalTicks, double pass, double marginal, boolean mustHaveData) {
        if (intervalTicks < 1) {
            throw new IllegalArgumentException("interval must be at least one tick: " + intervalTicks);
        }
        this.intervalTicks = intervalTicks;
        this.pass = pass;
        this.marginal = marginal;
        this.mustHaveData = mustHaveData;
    }

    @Override
    public String name() {
        return "kayenta";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, List<Double>> canary = new HashMap<>();
        Map<String, List<Double>> baseline = new HashMap<>();
        int[] ticks = {0};
        PhaseJudge.Call[] latest = {PhaseJudge.Call.HOLD};
        return (at, samples) -> {
            for (BenchMetric m : metrics) {
                Sample s = samples.get(m.name());
                if (s != null) {
                    add(canary, m, s.canary());
                    add(baseline, m, s.baseline());
                }
            }
            if (++ticks[0] % intervalTicks == 0) {
                double score = score(metrics.stream()
                        .map(m -> MannWhitneyClassifier.classify(m.bound(), values(canary, m), values(baseline, m)))
                        .toList());
                latest[0] = score <= marginal ? PhaseJudge.Call.FAIL : score >= pass ? PhaseJudge.Call.PASS : PhaseJudge.Call.HOLD;
            }
            return latest[0];
        };
    }

    private double score(List<MannWhitneyClassifier.Classification> classifications) {
        int passed = 0;
        int scored = 0;
        int nodata = 0;
        for (MannWhitneyClassifier.Classification c : classifications) {
            if (c == MannWhitneyClassifier.Classification.NODATA) {
                nodata++;
                if (!mustHaveData) {
                    continue;
                }
            }
            scored++;
            passed += c == MannWhitneyClassifier.Classification.PASS ? 1 : 0;
        }
        if (!classifications.isEmpty() && 2 * nodata >= classifications.size()) {
            return 0;
        }
        return scored == 0 ? 100 : 100.0 * passed / scored;
    }

    private static void add(Map<String, List<Double>> series, BenchMetric m, Measure measure) {
        double v = measure instanceof Measure.Counts c ? (c.total() == 0 ? Double.NaN : (double) c.bad() / c.total())
                : measure instanceof Measure.Value val ? val.value() : Double.NaN;
        if (!Double.isNaN(v)) {
            series.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(v);
        }
    }

    private static double[] values(Map<String, List<Double>> series, BenchMetric m) {
        return series.getOrDefault(m.name(), List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }
}

package dev.ringmaster.bench.policy;

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
 * Kayenta's NetflixACAJudge in a Spinnaker canary stage (PEERS.md "Kayenta"): every interval (one hour),
 * each metric's per-tick canary values are compared with the baseline's over a sliding lookback (the last
 * {@code lookbackTicks}, default 6 hours: Spinnaker allows growing or sliding, and a growing one makes every
 * hourly judgement sort a million pairwise differences by the fourth day) by the
 * Mann-Whitney classifier (98 %, tolerance 0.25, effect = mean ratio against {@code allowedIncrease}, here
 * the plan's relative bound or 1.0); the score is the share of metrics that Pass. An interim score at or
 * below {@code marginal} (75) fails the stage at once; the stage may advance when the score reaches
 * {@code pass} (95). No data for a metric is Nodata and is not scored.
 */
public final class KayentaPolicy implements Policy {
    private final int intervalTicks;
    private final int lookbackTicks;
    private final double pass;
    private final double marginal;

    public KayentaPolicy() {
        this(12, 72, 95, 75);
    }

    public KayentaPolicy(int intervalTicks, int lookbackTicks, double pass, double marginal) {
        this.intervalTicks = intervalTicks;
        this.lookbackTicks = lookbackTicks;
        this.pass = pass;
        this.marginal = marginal;
    }

    @Override
    public String name() {
        return "kayenta";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, List<double[]>> values = new HashMap<>();
        int[] ticks = {0};
        PhaseJudge.Call[] last = {PhaseJudge.Call.HOLD};
        return (at, samples) -> {
            for (BenchMetric m : metrics) {
                Sample s = samples.get(m.name());
                if (s != null && s.canary() != null && s.baseline() != null) {
                    double c = value(s.canary());
                    double b = value(s.baseline());
                    if (!Double.isNaN(c) && !Double.isNaN(b)) {
                        values.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(new double[] {c, b});
                    }
                }
            }
            if (++ticks[0] % intervalTicks != 0) {
                return last[0];
            }
            int scored = 0;
            int passed = 0;
            for (BenchMetric m : metrics) {
                List<double[]> v = values.get(m.name());
                if (v == null || v.isEmpty()) {
                    continue;
                }
                scored++;
                passed += classifiesPass(m, v.subList(Math.max(0, v.size() - lookbackTicks), v.size())) ? 1 : 0;
            }
            double score = scored == 0 ? 100 : 100.0 * passed / scored;
            last[0] = score <= marginal ? PhaseJudge.Call.FAIL : score >= pass ? PhaseJudge.Call.PASS : PhaseJudge.Call.HOLD;
            return last[0];
        };
    }

    /** High (for a bound where larger is worse) or Low (where smaller is worse) fails the metric. */
    private static boolean classifiesPass(BenchMetric m, List<double[]> v) {
        double[] canary = v.stream().mapToDouble(x -> x[0]).toArray();
        double[] baseline = v.stream().mapToDouble(x -> x[1]).toArray();
        double cm = java.util.Arrays.stream(canary).average().orElse(0);
        double bm = java.util.Arrays.stream(baseline).average().orElse(0);
        if (java.util.Arrays.equals(canary, baseline)) {
            return true;
        }
        MannWhitney mw = MannWhitney.of(canary, baseline);
        double tolerance = 0.25 * Math.abs(mw.estimate());
        double allowed = m.bound().relative() ? m.bound().value() : 1.0;
        boolean effectChecked = cm > 0 && bm > 0;
        if (m.bound().upper()) {
            boolean high = mw.lower() > tolerance && (!effectChecked || cm / bm >= allowed);
            return !high;
        }
        boolean low = mw.upper() < -tolerance && (!effectChecked || cm / bm <= allowed);
        return !low;
    }

    private static double value(Measure m) {
        if (m instanceof Measure.Counts c) {
            return c.total() == 0 ? Double.NaN : (double) c.bad() / c.total();
        }
        return m instanceof Measure.Value val ? val.value() : Double.NaN;
    }
}

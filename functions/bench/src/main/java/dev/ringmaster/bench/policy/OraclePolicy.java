package dev.ringmaster.bench.policy;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TrueEffect;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lower bound on exposure (GATES.md): a Wald likelihood-ratio test that knows the true canary value,
 * H0 "the canary sits exactly on the bound" against H1 "the canary is what the scenario says", run as
 * Page's CUSUM (the sum never drops below zero) so a regression that starts late is caught as fast as one
 * present from the start. It FAILs at ln(1/α) with the same α ringmaster gets; it knows a healthy metric
 * is healthy, and never advances past a bad one.
 */
public final class OraclePolicy implements Policy {
    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, Duration tick, TrueEffect truth, double alphaFail) {
        Map<String, Double> cusum = new HashMap<>();
        double threshold = Math.log(1 / alphaFail);
        return (at, samples) -> {
            boolean bad = false;
            for (BenchMetric m : metrics) {
                double b = truth.baseline(m.name());
                double c = truth.canary(m.name());
                double h0 = m.bound().relative() ? m.bound().value() * b : m.bound().value();
                boolean breaks = m.bound().upper() ? c > h0 : c < h0;
                if (!breaks) {
                    continue;
                }
                bad = true;
                Sample s = samples.get(m.name());
                double step = s == null || s.canary() == null ? 0 : llr(m.kind(), s.canary(), h0, c);
                double sum = Math.max(0, cusum.getOrDefault(m.name(), 0.0) + step);
                cusum.put(m.name(), sum);
                if (sum >= threshold) {
                    return PhaseJudge.Call.FAIL;
                }
            }
            return bad ? PhaseJudge.Call.HOLD : PhaseJudge.Call.PASS;
        };
    }

    /** log-likelihood ratio of one tick for H1 (value p1) against H0 (value p0). */
    static double llr(MetricKind kind, Measure canary, double p0, double p1) {
        if (kind == MetricKind.RATE && canary instanceof Measure.Counts n) {
            return n.bad() * Math.log(p1 / p0) + (n.total() - n.bad()) * Math.log((1 - p1) / (1 - p0));
        }
        if (canary instanceof Measure.Value v) {
            double sigma = dev.ringmaster.bench.BenchSuite.GAUGE_NOISE * p1;
            return ((v.value() - p0) * (v.value() - p0) - (v.value() - p1) * (v.value() - p1)) / (2 * sigma * sigma);
        }
        return 0;
    }
}

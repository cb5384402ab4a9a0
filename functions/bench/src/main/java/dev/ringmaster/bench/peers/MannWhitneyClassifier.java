package dev.ringmaster.bench.peers;

import dev.ringmaster.core.plan.Bound;
import java.util.Arrays;

/**
 * Kayenta's MannWhitneyClassifier as NetflixACAJudge runs it (PEERS.md "Kayenta", lines 35-39): confidence
 * 0.98, tolerance 0.25 of |E|, effect = mean(canary)/mean(baseline). The plan's bound sets the metric's
 * direction (increase for max bounds, decrease for min bounds) and its allowed effect: r for a relative
 * bound, Kayenta's default 1.0 for an absolute one, since the judge only compares canary with baseline.
 */
final class MannWhitneyClassifier {

    enum Classification {
        PASS, HIGH, LOW, NODATA
    }

    /** The judge's confidence; the classifier's own default (0.95) is never used by NetflixACAJudge. */
    static final double CONFIDENCE = 0.98;
    static final double TOLERANCE = 0.25;

    private MannWhitneyClassifier() {
    }

    /** Degenerate inputs are classified before the test, so it never sees an empty side or two equal series. */
    static Classification classify(Bound bound, double[] canary, double[] baseline) {
        if (canary.length == 0 || baseline.length == 0) {
            return Classification.NODATA;
        }
        if (Arrays.equals(canary, baseline)) {
            return Classification.PASS;
        }
        MannWhitney mw = MannWhitney.of(canary, baseline, CONFIDENCE);
        double tolerance = TOLERANCE * Math.abs(mw.estimate());
        double canaryMean = Arrays.stream(canary).average().orElseThrow();
        double baselineMean = Arrays.stream(baseline).average().orElseThrow();
        // Kayenta skips the effect-size check when a mean is 0: the ratio says nothing there.
        boolean effectKnown = canaryMean != 0 && baselineMean != 0;
        double effect = canaryMean / baselineMean;
        double allowed = bound.relative() ? bound.value() : 1.0;
        if (bound.upper()) {
            return mw.lower() > tolerance && (!effectKnown || effect >= allowed) ? Classification.HIGH : Classification.PASS;
        }
        return mw.upper() < -tolerance && (!effectKnown || effect <= allowed) ? Classification.LOW : Classification.PASS;
    }
}

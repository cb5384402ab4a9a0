package dev.ringmaster.bench.peers;

import static dev.ringmaster.bench.peers.Ticks.T;
import static dev.ringmaster.bench.peers.Ticks.TICK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.bench.PhaseJudge;
import dev.ringmaster.bench.SparseFixture;
import dev.ringmaster.bench.validity.SparseCheck;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spinnaker/spinnaker#6278: Kayenta's Mann-Whitney judge passes a canary that is 100× the control 7 times in 10;
 * ringmaster must FAIL it.
 */
class SparseFixtureTest {
    /** The issue's classifier: effectSizeThresholds (1.0, 1.05), i.e. an allowed increase of 1.05. */
    private static final Bound ISSUE_BOUND = new Bound(Bound.Type.MAX_RELATIVE, 1.05);

    @Test
    void sparseFixtureIsTheIssuesData() {
        assertArrayEquals(new double[] {100, 100, 100, 100, 100, 100, 100, 1, 1, 1}, SparseFixture.canary());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, SparseFixture.control());
    }

    @Test
    void mannWhitneyClassifierPassesTheSparseFixtureAsInTheIssue() {
        MannWhitney mw = MannWhitney.of(SparseFixture.canary(), SparseFixture.control(), MannWhitneyClassifier.CONFIDENCE);
        // The issue's Kayenta run: interval [6.8e-5, 99], estimate 99 (Brent's root for the exact 0 and 99 here).
        assertArrayEquals(new double[] {0, 99, 99}, new double[] {mw.lower(), mw.upper(), mw.estimate()});
        assertEquals(MannWhitneyClassifier.Classification.PASS,
                MannWhitneyClassifier.classify(ISSUE_BOUND, SparseFixture.canary(), SparseFixture.control()),
                "lower limit 0 is under the tolerance 0.25 · 99 = 24.75");
    }

    @Test
    void mannWhitneyClassifierFailsOnceTheEighthValueIsHigh() {
        double[] canary = SparseFixture.canary();
        canary[7] = 100;
        assertEquals(MannWhitneyClassifier.Classification.HIGH, MannWhitneyClassifier.classify(ISSUE_BOUND, canary, SparseFixture.control()));
    }

    /**
     * ringmaster judges the same ten ticks as a gauge against 1.05 × the control: the sequential test on the log
     * ratios sees a mean of 3.2 with a standard deviation of 2.4, far past the bound, and FAILs, at the α of the
     * benchmark plan's gates (1 % over six) as at the plan's whole 1 %, where Kayenta's one judgement PASSes.
     */
    @Test
    void ringmasterFailsTheSparseFixtureThatKayentaPasses() {
        for (double alpha : new double[] {0.01 / 6, 0.01}) {
            SparseCheck.Result r = SparseCheck.run(alpha);
            assertEquals(Outcome.FAIL, r.ringmaster().outcome(), r.ringmaster().evidence().reason());
            assertEquals(PhaseJudge.Call.PASS, r.kayenta());
        }
    }

    @Test
    void kayentaPolicyPassesTheSparseFixtureFedTickByTick() {
        BenchMetric metric = new BenchMetric("errors_per_minute", MetricKind.GAUGE, ISSUE_BOUND, Duration.ZERO);
        PhaseJudge judge = new KayentaPolicy(10, 95, 75, false).judge(List.of(metric), T, TICK, null, 0.001);
        PhaseJudge.Call last = null;
        for (int k = 0; k < 10; k++) {
            last = judge.onTick(T, Map.of(metric.name(),
                    new Sample(T, new Measure.Value(SparseFixture.canary()[k]), new Measure.Value(SparseFixture.control()[k]))));
        }
        assertEquals(PhaseJudge.Call.PASS, last, "the stage's one judgement scores 100");
    }
}

package dev.ringmaster.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected limits are the roots of kayenta-mannwhitney's statistic found by bisection in a direct
 * transcription of MannWhitney.scala (R's wilcox.test ranks with average ties, continuity and tie
 * corrections), and by hand from the order statistics of the 25 pairwise differences.
 */
class MannWhitneyTest {

    private static double[] parse(String values) {
        return Arrays.stream(values.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "canary [{0}] vs baseline [{1}] at {2}: U {3}, E {4}, [{5}, {6}]")
    @CsvSource({
        // differences -7 -5 -5 -3 -3 -3 -1 ×4 1 ×5 3 ×4 5 5 5 7 7 9: U counts the 15 positive ones, E is the 13th
        "2 4 6 8 10, 1 3 5 7 9, 0.80, 15, 1, -3, 5",
        "2 4 6 8 10, 1 3 5 7 9, 0.98, 15, 1, -7, 9",
        // 11 pairs above and 10 ties: U = 11 + 10/2; differences -1 ×4, 0 ×10, 1 ×8, 2 ×3
        "0 0 1 1 2,  0 0 0 1 1, 0.80, 16, 0, 0, 1",
        "0 0 1 1 2,  0 0 0 1 1, 0.98, 16, 0, -1, 2",
    })
    void mannWhitneyMatchesHandComputedFiveByFiveExamples(String canary, String baseline, double confidence,
            double u, double estimate, double lower, double upper) {
        MannWhitney mw = MannWhitney.of(parse(canary), parse(baseline), confidence);
        assertArrayEquals(new double[] {u, estimate, lower, upper}, new double[] {mw.u(), mw.estimate(), mw.lower(), mw.upper()});
    }

    @Test
    void kthIsTheOrderStatisticOfAllPairwiseDifferences() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            double[] x = DoubleStream.generate(() -> Math.round(random.nextGaussian() * 4) / 8.0).limit(1 + random.nextInt(9)).sorted().toArray();
            double[] y = DoubleStream.generate(() -> random.nextGaussian() * 0.01 - 0.3).limit(1 + random.nextInt(9)).sorted().toArray();
            double[] d = Arrays.stream(x).flatMap(a -> Arrays.stream(y).map(b -> a - b)).sorted().toArray();
            for (int k = 1; k <= d.length; k++) {
                assertEquals(d[k - 1], MannWhitney.kth(x, y, k), "k = " + k);
            }
        }
    }

    @ParameterizedTest(name = "Φ⁻¹({0}) = {1}")
    @CsvSource({
        "0.99,  2.3263478740408408",
        "0.975, 1.959963984540054",
        "0.9,   1.2815515655446004",
        "0.5,   0",
        "0.01,  -2.3263478740408408",
        "1e-6,  -4.753424308822899",
    })
    void normalQuantileAgreesWithTablesToAcklamsAccuracy(double p, double z) {
        assertEquals(z, NormalQuantile.of(p), 1.2e-9 * Math.max(1, Math.abs(z)));
    }
}

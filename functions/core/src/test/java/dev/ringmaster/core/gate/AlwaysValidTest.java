package dev.ringmaster.core.gate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The point of the method: judged after every tick of a long rollout, a healthy build is ever FAILed with
 * probability at most alphaFail, while a clearly bad one is still caught. Simulated on sufficient statistics.
 */
class AlwaysValidTest {
    private static final double P0 = 0.005;
    private static final double ALPHA_FAIL = 0.01;
    private static final double ALPHA_PASS = 0.05;
    private static final int ROLLOUTS = 2_000;
    private static final int TICKS = 300;
    private static final int TRIALS_PER_TICK = 500;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("healthy at 0.8 × bound: ever FAILed in at most 1.5 % of rollouts", 0.8, 0.0, 0.015),
                Arguments.of("healthy exactly at the bound: ever FAILed in at most 1.5 % of rollouts", 1.0, 0.0, 0.015),
                Arguments.of("bad at 2 × bound: FAILed within 300 ticks in at least 95 % of rollouts", 2.0, 0.95, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everFailedFraction(String rule, double multiple, double atLeast, double atMost) {
        Random random = new Random(20250601L + Math.round(multiple * 10));
        double mean = multiple * P0 * TRIALS_PER_TICK;
        int failed = 0;
        for (int rollout = 0; rollout < ROLLOUTS; rollout++) {
            double bad = 0;
            double total = 0;
            for (int tick = 0; tick < TICKS; tick++) {
                bad += Fixtures.poisson(random, mean);
                total += TRIALS_PER_TICK;
                if (RateTest.outcome(bad, total, P0, P0, ALPHA_FAIL, ALPHA_PASS) == Outcome.FAIL) {
                    failed++;
                    break;
                }
            }
        }
        double fraction = (double) failed / ROLLOUTS;
        System.out.printf("always-valid: %s → %.2f %% of %d rollouts ever FAILed%n", rule, fraction * 100, ROLLOUTS);
        assertTrue(fraction >= atLeast && fraction <= atMost, () -> rule + ": " + fraction);
    }
}

package dev.ringmaster.core.gate;

import java.time.Duration;
import java.time.Instant;

/**
 * How one criterion's alphaFail is shared between many tests that each start at a different time: the trailing
 * windows of a windowed halt rule, the start points of the change detector. Each start gets a fixed share, chosen
 * before any data, and each test is always valid on its own, so by the union bound (Ville's inequality per start)
 * the chance that any of them ever FAILs a healthy build stays within alphaFail however long the phase runs.
 *
 * <p>Half the budget is spread evenly over the phase's horizon, block by block; past the horizon, each doubling
 * of the elapsed time gets half of what is left (epoch e ≥ 1 covers [H·2^(e−1), H·2^e) and gets 2^−(e+1)), so
 * a phase held far beyond its maxSoak is still covered, at a slowly rising price.
 */
public final class Spending {
    /** Ringmaster's tick, and the step at which the sources are read: at most one sample starts per step. */
    public static final Duration STEP = Duration.ofMinutes(5);

    private Spending() {
    }

    /** The share of alpha for a test starting at {@code start}, with blocks of {@code block}. */
    static double share(Instant phaseStart, Instant start, Duration horizon, Duration block) {
        double blocks = Math.max(1, Math.ceil((double) horizon.toMillis() / block.toMillis()));
        double elapsed = Math.max(0, Duration.between(phaseStart, start).toMillis()) / (double) horizon.toMillis();
        if (elapsed < 1) {
            return 0.5 / blocks;
        }
        int epoch = 1 + (int) Math.floor(Math.log(elapsed) / Math.log(2));
        return Math.pow(2, -(epoch + 1)) / (blocks * Math.pow(2, epoch - 1));
    }
}

package dev.ringmaster.core.gate;

import java.time.Duration;
import java.time.Instant;

/**
 * The error budget and the clock for one evaluation.
 *
 * @param alphaFail  probability allowed for this criterion to FAIL a healthy build, ever (its share of the
 *                   plan's falseHaltRate)
 * @param alphaPass  probability allowed for this criterion to PASS a build that breaks its bound
 * @param now        evaluation time; samples after it are ignored
 * @param phaseStart when the current phase was entered; a check reported before it is stale
 * @param intervals  compute the always-valid interval and "samples needed" for the evidence; verdicts never
 *                   depend on them, so Monte Carlo runs that only count outcomes may skip the cost
 * @param horizon    how long the phase is expected to last (its maxSoak, else its soak): the span over which a
 *                   windowed criterion and the change detector spend alphaFail evenly ({@link Spending})
 */
public record Thresholds(double alphaFail, double alphaPass, Instant now, Instant phaseStart, boolean intervals,
                         Duration horizon) {
    /** The horizon of a one-off judgement that knows no phase (the CI {@code gate} command). */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

    public Thresholds {
        if (horizon == null || horizon.compareTo(Spending.STEP) < 0) {
            horizon = horizon == null ? DEFAULT_HORIZON : Spending.STEP;
        }
    }

    public Thresholds(double alphaFail, double alphaPass, Instant now, Instant phaseStart) {
        this(alphaFail, alphaPass, now, phaseStart, true, DEFAULT_HORIZON);
    }

    public Thresholds(double alphaFail, double alphaPass, Instant now, Instant phaseStart, boolean intervals) {
        this(alphaFail, alphaPass, now, phaseStart, intervals, DEFAULT_HORIZON);
    }

    Thresholds withAlphaFail(double alpha) {
        return new Thresholds(alpha, alphaPass, now, phaseStart, intervals, horizon);
    }
}

package dev.ringmaster.core.gate;

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
 */
public record Thresholds(double alphaFail, double alphaPass, Instant now, Instant phaseStart, boolean intervals) {

    public Thresholds(double alphaFail, double alphaPass, Instant now, Instant phaseStart) {
        this(alphaFail, alphaPass, now, phaseStart, true);
    }
}

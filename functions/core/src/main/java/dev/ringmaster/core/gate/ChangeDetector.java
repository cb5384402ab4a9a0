package dev.ringmaster.core.gate;

import java.time.Duration;
import java.time.Instant;

/**
 * A Shiryaev–Roberts e-detector (Shin, Ramdas &amp; Rinaldo, "E-detectors", 2023) for a regression that starts
 * mid-phase. It runs the cumulative test's FAIL mixture again from later start points — one per block, a 96th of
 * the phase's horizon — each start weighted by its {@link Spending} share, and sums them:
 *
 * <pre>  R_n = Σ_k w_k Σ_j v_j Π_{i=j..n} LR_k(tick i),   computed as S_k ← (S_k + v_j) · LR_k(tick)</pre>
 *
 * Every term is a nonnegative supermartingale from its start (1 before it) when the bound holds, and the weights
 * sum to at most 1, so R is one too and Ville's inequality gives P(ever R ≥ 1/α) ≤ α. A change at hour h costs
 * ln(1/v_j) in the threshold, but none of the evidence spent before the change, which is what dilutes a
 * cumulative test. Start 0 is the cumulative test itself and is left out. State is O(K): a tick costs K updates.
 */
final class ChangeDetector {
    /** Start points per horizon: at most an hour apart for a 96 h maxSoak. */
    static final int STARTS = 96;

    private final double[] logWeights;
    private final double[] alternatives;
    private final double[] logS;
    /** Per alternative, the best single start so far (a CUSUM beside the sum): where a change most likely began. */
    private final double[] logC;
    private final long[] startOf;
    private final Instant phaseStart;
    private final Duration horizon;
    private final Duration block;
    /** The block arithmetic in milliseconds: this runs on every tick of every gate. */
    private final long startMillis;
    private final long blockMillis;
    private long lastBlock;

    ChangeDetector(double[] alternatives, double[] weights, Instant phaseStart, Duration horizon) {
        this.alternatives = alternatives;
        this.logWeights = new double[weights.length];
        this.logS = new double[weights.length];
        this.logC = new double[weights.length];
        this.startOf = new long[weights.length];
        for (int k = 0; k < weights.length; k++) {
            logWeights[k] = Math.log(weights[k]);
            logS[k] = Double.NEGATIVE_INFINITY;
            logC[k] = Double.NEGATIVE_INFINITY;
        }
        this.phaseStart = phaseStart;
        this.horizon = horizon;
        Duration perStart = horizon.dividedBy(STARTS);
        this.block = perStart.compareTo(Spending.STEP) < 0 ? Spending.STEP : perStart;
        this.startMillis = phaseStart.toEpochMilli();
        this.blockMillis = block.toMillis();
    }

    double[] alternatives() {
        return alternatives;
    }

    /**
     * One tick with data, taken at {@code at}; {@code llr[k]} is its log likelihood ratio for alternative k.
     * The first tick of a new block opens a start there, with a weight fixed by the block alone.
     */
    void add(Instant at, double[] llr) {
        long b = blockOf(at);
        if (b > lastBlock) {
            double v = Math.log(startShare(b));
            for (int k = 0; k < logS.length; k++) {
                logS[k] = logAddExp(logS[k], v);
                if (v > logC[k]) {
                    logC[k] = v;
                    startOf[k] = b;
                }
            }
            lastBlock = b;
        }
        for (int k = 0; k < logS.length; k++) {
            if (logS[k] != Double.NEGATIVE_INFINITY) {
                logS[k] += llr[k];
                logC[k] += llr[k];
            }
        }
    }

    /**
     * The alternative whose best single start carries the most weighted evidence (-1 before any start opened):
     * its start is where the change most likely began. O(K), unlike a scan of the series.
     */
    int likelyAlternative() {
        int best = -1;
        for (int k = 0; k < logC.length; k++) {
            if (logC[k] != Double.NEGATIVE_INFINITY && (best < 0 || logWeights[k] + logC[k] > logWeights[best] + logC[best])) {
                best = k;
            }
        }
        return best;
    }

    /** The block where alternative k's best single start opened. */
    long startOf(int k) {
        return startOf[k];
    }

    /** The running state, for {@link GateTracker#state()}: lastBlock, then logS, logC and the starts per alternative. */
    double[] state() {
        int n = logS.length;
        double[] out = new double[1 + 3 * n];
        out[0] = lastBlock;
        for (int k = 0; k < n; k++) {
            out[1 + k] = logS[k];
            out[1 + n + k] = logC[k];
            out[1 + 2 * n + k] = startOf[k];
        }
        return out;
    }

    void restore(double[] state) {
        int n = logS.length;
        if (state.length != 1 + 3 * n) {
            throw new IllegalArgumentException("a detector of " + n + " alternatives keeps " + (1 + 3 * n)
                    + " numbers, not " + state.length);
        }
        lastBlock = (long) state[0];
        for (int k = 0; k < n; k++) {
            logS[k] = state[1 + k];
            logC[k] = state[1 + n + k];
            startOf[k] = (long) state[1 + 2 * n + k];
        }
    }

    /** The weight of the start opened in block {@code b}: its share, fixed by the block's start time alone. */
    double startShare(long b) {
        return Spending.share(phaseStart, phaseStart.plus(block.multipliedBy(b)), horizon, block);
    }

    /** Which start block a tick at {@code at} belongs to (0: the phase's first, the cumulative test's). */
    long blockOf(Instant at) {
        return Math.max(0, at.toEpochMilli() - startMillis) / blockMillis;
    }

    /** log R: the e-value against "the bound held since every start". */
    double logE() {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logS.length; k++) {
            max = Math.max(max, logWeights[k] + logS[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int k = 0; k < logS.length; k++) {
            sum += Math.exp(logWeights[k] + logS[k] - max);
        }
        return max + Math.log(sum);
    }

    boolean alarmed(double alpha) {
        return logE() >= MixtureSprt.threshold(alpha);
    }

    private static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }
}

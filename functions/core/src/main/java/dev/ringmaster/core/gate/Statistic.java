package dev.ringmaster.core.gate;

/**
 * One metric's test over a half-open range of samples [from, to) of the series, oldest first. Implementations
 * precompute prefix sums once so that any range is judged in constant time (the sustain walk needs one judgement
 * per sample). {@code alphaFail} is passed per call because a windowed criterion spends a different share of its
 * budget on each window ({@link Spending}).
 */
interface Statistic {

    /** The verdict with its full evidence (interval, reason, samples needed). */
    Verdict judge(int from, int to, double alphaFail);

    /** The outcome alone: cheaper, for the sustain walk. */
    Outcome outcome(int from, int to, double alphaFail);

    /** Whether sample i carries data this statistic can use; a missing sample breaks a sustained run. */
    boolean present(int i);

    /** What the change detector needs, or null when this statistic has none (checks, gauges, zero bounds). */
    default Changes changes() {
        return null;
    }

    /**
     * The FAIL test's likelihood ratios, tick by tick: the null is the bound, the alternatives the FAIL grid, so
     * the detector asks the same question as the cumulative test, only from later starts.
     *
     * @param alternatives the FAIL grid's alternatives, in the statistic's own parameter
     * @param weights      their prior weights, summing to 1
     * @param llr          fills, for samples [from, to), each alternative's log likelihood ratio against the bound
     * @param additive     the LLR of a range is the sum of its ticks' (linear in the counts), so a block may be fed
     *                     whole; false for the conditional binomial, whose ratios are taken tick by tick
     */
    record Changes(double[] alternatives, double[] weights, RangeLlr llr, boolean additive) {
    }

    @FunctionalInterface
    interface RangeLlr {
        /** All K at once: what they share (a tick's exposure, a log of it) is computed once. */
        void fill(int from, int to, double[] llr);
    }
}

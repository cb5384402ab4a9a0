package dev.ringmaster.core.gate;

/**
 * One metric's test over a half-open range of samples [from, to) of the series, oldest first. Implementations
 * precompute prefix sums once so that any range is judged in constant time (the sustain walk needs one judgement
 * per sample).
 */
interface Statistic {

    /** The verdict with its full evidence (interval, reason, samples needed). */
    Verdict judge(int from, int to);

    /** The outcome alone: cheaper, for the sustain walk. */
    Outcome outcome(int from, int to);

    /** Whether sample i carries data this statistic can use; a missing sample breaks a sustained run. */
    boolean present(int i);
}

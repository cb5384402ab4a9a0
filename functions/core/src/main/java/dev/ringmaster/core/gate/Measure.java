package dev.ringmaster.core.gate;

import java.time.Instant;

/** One measurement of one side (canary or baseline) in one tick. Absent means not measured, never zero. */
public sealed interface Measure {

    /** rate metrics: bad events among total trials (crashed sessions of sessions). */
    record Counts(long bad, long total) implements Measure {
    }

    /** gauge metrics: one value (p75 latency of the tick). */
    record Value(double value) implements Measure {
    }

    /** count metrics: events seen over this many minutes. */
    record Events(double events, double minutes) implements Measure {
    }

    /** check metrics: the last reported result and when it was reported. */
    record Check(boolean pass, Instant reportedAt) implements Measure {
    }
}

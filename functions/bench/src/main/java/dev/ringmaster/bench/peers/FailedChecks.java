package dev.ringmaster.bench.peers;

import java.time.Instant;

/**
 * Flagger's failedChecks for one run when it is carried across phases. The harness asks one shared Policy
 * for a judge per phase and runs many rollouts at once, each on one thread from start to end, with phases
 * starting later and later. So the count lives per thread, and a phase that does not start after the
 * thread's previous phase is the first phase of a new run, which starts from zero (a new revision).
 */
final class FailedChecks {
    int count;
    private final Instant phaseStart;

    FailedChecks(Instant phaseStart) {
        this.phaseStart = phaseStart;
    }

    static FailedChecks forPhase(ThreadLocal<FailedChecks> runs, Instant phaseStart) {
        FailedChecks previous = runs.get();
        FailedChecks next = new FailedChecks(phaseStart);
        if (previous != null && phaseStart.isAfter(previous.phaseStart)) {
            next.count = previous.count;
        }
        runs.set(next);
        return next;
    }
}

package dev.ringmaster.bench.peers;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * State a peer keeps for a whole rollout while the harness asks for a judge per phase (as {@link FailedChecks}
 * does for Flagger): each run goes from start to end on one thread with phases starting later and later, so
 * the state lives per thread, and a phase that does not start after the thread's previous phase begins a new
 * run with fresh state.
 */
final class RunCarry<T> {
    private record Run<T>(Instant phaseStart, T state) {
    }

    private final ThreadLocal<Run<T>> runs = new ThreadLocal<>();
    private final Supplier<T> fresh;

    RunCarry(Supplier<T> fresh) {
        this.fresh = fresh;
    }

    T forPhase(Instant phaseStart) {
        Run<T> previous = runs.get();
        T state = previous != null && phaseStart.isAfter(previous.phaseStart()) ? previous.state() : fresh.get();
        runs.set(new Run<>(phaseStart, state));
        return state;
    }
}

package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.port.RolloutTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The calls one simulated system received, stamped with the (virtual) clock, refused ones included. */
final class CallLog {
    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private int quiet;

    CallLog(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void accepted(String operation, String detail) {
        if (quiet == 0) {
            calls.add(new Call(clock.instant(), operation, detail, false, null));
        }
    }

    /** A read that is no call anyone made (the tick's check of the live phase, every tick): nothing is logged. */
    <T> T quietly(Supplier<T> read) {
        quiet++;
        try {
            return read.get();
        } finally {
            quiet--;
        }
    }

    /** Records the refusal and returns the exception to throw, so callers read {@code throw log.refuse(…)}. */
    RolloutTarget.Refused refuse(String operation, String detail, String reason) {
        calls.add(new Call(clock.instant(), operation, detail, true, reason));
        return new RolloutTarget.Refused(reason);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }
}

package dev.ringmaster.adapters.statuspage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Keeps calls with one API key at least {@code gap} apart: Statuspage allows one request a second per key. */
final class Pacer {
    private final Clock clock;
    private final StatuspageNotifier.Sleeper sleeper;
    private final Duration gap;
    /** By token reference, never by the key's value. */
    private final Map<String, Instant> last = new HashMap<>();

    Pacer(Clock clock, StatuspageNotifier.Sleeper sleeper, Duration gap) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.gap = gap;
    }

    synchronized void await(String token) {
        Instant previous = last.get(token);
        if (previous != null) {
            pause(Duration.between(clock.instant(), previous.plus(gap)));
        }
        last.put(token, clock.instant());
    }

    void pause(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Statuspage call interrupted");
        }
    }
}

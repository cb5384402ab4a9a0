package dev.ringmaster.functions.runtime;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The functions' clock in JVM tests: the wall clock moved by however far tests advanced it, so a test can let a
 * claim expire without waiting. Native runs (the …IT classes) use the production wall clock: tests that
 * advance time are {@code @DisabledOnIntegrationTest}.
 */
@Singleton
public class TestClock {
    private static volatile Duration offset = Duration.ZERO;

    /** Time as the functions under test see it. */
    public static Instant now() {
        return Instant.now().plus(offset);
    }

    /** Moves the functions' clock forward. */
    public static void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }
}

package dev.ringmaster.functions.runtime;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The invocation's deadline, to which a step holds its claim on an action or a message. Funqy does not hand
 * the Lambda context to the function, so the deadline is the function's configured timeout from now.
 */
@Singleton
public class Invocation {
    @Inject
    Clock clock;

    @Inject
    RingmasterConfig config;

    public Instant deadline() {
        return clock.instant().plus(config.invocationTimeout());
    }
}

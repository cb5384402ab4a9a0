package dev.ringmaster.core.port;

import java.time.Instant;

/** The answer to claiming an intent's action: act, or why not. */
public sealed interface Claim {

    /** This step holds the rollout's action claim until {@code until}: act, then settle. */
    record Claimed(Effect before) implements Claim {
    }

    /** A later intent asks for another effect: this one must never act. */
    record Superseded(Effect current) implements Claim {
    }

    /** Another step is acting for this rollout (maybe on this same intent) until {@code until}. */
    record Busy(String holder, Instant until) implements Claim {
    }

    /** This intent's action is already done or refused. */
    record Settled(Effect current) implements Claim {
    }
}

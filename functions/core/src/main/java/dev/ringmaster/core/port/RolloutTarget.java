package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;

/**
 * Where an audience change is applied: a store track, a phased release, beta groups, a flag, a ring tag.
 * Every call is idempotent (applying the same phase twice leaves the same state): it sets an absolute state
 * (userFraction 0.1, halted), never a step. A call the real API refuses throws {@link Refused} with the API's
 * reason (never tried again); a call that could not reach it (5xx, 429, timeout) throws {@link Unavailable}
 * (tried again with backoff).
 */
public interface RolloutTarget {

    /** Makes {@code phase}'s audience live for {@code version} (start, advance, resume). */
    TargetState enter(Target target, Phase phase, String version);

    /**
     * Lets new users get the version again at {@code phase}'s audience after a halt (Play inProgress, phased
     * release ACTIVE); by default the same as entering the phase, which every target makes idempotent.
     */
    default TargetState resume(Target target, Phase phase, String version) {
        return enter(target, phase, version);
    }

    /** Stops new users getting the version (Play halted, phased release paused). */
    TargetState halt(Target target, Phase phase, String version);

    /** Takes the version away where the target can (flag off, ring tag back to the last good digest). */
    TargetState rollback(Target target, Phase phase, String version);

    /** Releases to everyone (Play completed, phased release COMPLETE). */
    TargetState complete(Target target, String version);

    /** What the target says now, for reconciling changes made by hand in a console. */
    TargetState observe(Target target, String version);

    /**
     * Called on every tick while {@code phase} runs: keeps the phase's audience where the plan put it on a target
     * that moves by itself (an App Store phased release is paused before Apple's schedule passes the phase's
     * audience), and says what the target holds now. Throws {@link ChangedByHand} when the target no longer holds
     * the phase's audience as ringmaster left it (halted, raised, completed or removed in a console). By default
     * only {@link #observe}: most targets stay where they were put.
     */
    default TargetState hold(Target target, Phase phase, String version) {
        return observe(target, version);
    }

    /** The target shows a change ringmaster did not make: what it shows and what the phase asked. */
    final class ChangedByHand extends RuntimeException {
        public ChangedByHand(String message) {
            super(message);
        }
    }

    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}

package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;

/**
 * Where an audience change is applied: a store track, a phased release, beta groups, a flag, a ring tag.
 * Every call is idempotent (applying the same phase twice leaves the same state) and a call the real API
 * would refuse throws {@link Refused} with the API's reason.
 */
public interface RolloutTarget {

    /** Makes {@code phase}'s audience live for {@code version} (start, advance, resume). */
    TargetState enter(Target target, Phase phase, String version);

    /** Stops new users getting the version (Play halted, phased release paused). */
    TargetState halt(Target target, Phase phase, String version);

    /** Takes the version away where the target can (flag off, ring tag back to the last good digest). */
    TargetState rollback(Target target, Phase phase, String version);

    /** Releases to everyone (Play completed, phased release COMPLETE). */
    TargetState complete(Target target, String version);

    /** What the target says now, for reconciling changes made by hand in a console. */
    TargetState observe(Target target, String version);

    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}

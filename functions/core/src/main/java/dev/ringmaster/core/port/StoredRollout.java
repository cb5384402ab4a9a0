package dev.ringmaster.core.port;

import dev.ringmaster.core.rollout.Rollout;

/**
 * A rollout as stored, with the plan text it was started with (the plan may change on disk; the rollout may
 * not) and where its current side effect stands.
 */
public record StoredRollout(Rollout rollout, String planYaml, Effect effect) {

    /** A rollout as created: no effect asked yet. */
    public StoredRollout(Rollout rollout, String planYaml) {
        this(rollout, planYaml, Effect.NONE);
    }
}

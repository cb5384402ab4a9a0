package dev.ringmaster.core.port;

import dev.ringmaster.core.rollout.Rollout;

/**
 * A rollout as stored, with the plan text it was started with (the plan may change on disk; the rollout may
 * not), where its current side effect stands, and the tick's gate ledger (the running sums of its phase's gates,
 * {@code GateLedger}; null when none is kept).
 */
public record StoredRollout(Rollout rollout, String planYaml, Effect effect, String ledger) {

    public StoredRollout(Rollout rollout, String planYaml, Effect effect) {
        this(rollout, planYaml, effect, null);
    }

    /** A rollout as created: no effect asked yet. */
    public StoredRollout(Rollout rollout, String planYaml) {
        this(rollout, planYaml, Effect.NONE);
    }
}

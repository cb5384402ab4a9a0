package dev.ringmaster.core.port;

import dev.ringmaster.core.rollout.Rollout;

/** A rollout as stored, with the plan text it was started with (the plan may change on disk; the rollout may not). */
public record StoredRollout(Rollout rollout, String planYaml) {
}

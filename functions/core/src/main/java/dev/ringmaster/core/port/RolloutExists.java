package dev.ringmaster.core.port;

/** A rollout with this id is already stored: ids are never reused. */
public final class RolloutExists extends RuntimeException {
    public RolloutExists(String rolloutId) {
        super("rollout " + rolloutId + " already exists");
    }
}

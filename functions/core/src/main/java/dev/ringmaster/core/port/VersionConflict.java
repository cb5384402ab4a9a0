package dev.ringmaster.core.port;

/** Someone else wrote the rollout first: the caller's decision is stale and must not be applied. */
public final class VersionConflict extends RuntimeException {
    public VersionConflict(String rolloutId, long expected) {
        super("rollout " + rolloutId + " changed since version " + expected + " was read");
    }
}

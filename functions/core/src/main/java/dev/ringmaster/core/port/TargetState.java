package dev.ringmaster.core.port;

/**
 * What a target reports about the release: its status in the target's own words ("inProgress", "halted",
 * "ACTIVE", "PAUSED", a ring tag's digest) and the audience share it reaches, 0–100 (NaN when it has none).
 *
 * @param previous what the target held before this call where the rollout must be able to put it back (a ring
 *                 tag's digest before it was moved), recorded in the history; null when there is nothing to restore
 */
public record TargetState(String status, double percent, String detail, String previous) {

    public TargetState(String status, double percent, String detail) {
        this(status, percent, detail, null);
    }
}

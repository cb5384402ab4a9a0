package dev.ringmaster.core.port;

/**
 * What a target reports about the release: its status in the target's own words ("inProgress", "halted",
 * "ACTIVE", "PAUSED", a ring tag's digest) and the audience share it reaches, 0–100 (NaN when it has none).
 */
public record TargetState(String status, double percent, String detail) {
}

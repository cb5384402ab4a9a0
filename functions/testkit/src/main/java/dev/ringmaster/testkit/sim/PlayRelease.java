package dev.ringmaster.testkit.sim;

import java.util.List;

/**
 * A release on a Play track as the Publishing API holds it.
 *
 * @param versionCodes strings, as Play sends them
 * @param status       draft, inProgress, halted or completed
 * @param userFraction in (0, 1) for a staged rollout (inProgress, or halted from one); null otherwise
 */
public record PlayRelease(List<String> versionCodes, String status, Double userFraction) {
    public PlayRelease {
        versionCodes = List.copyOf(versionCodes);
    }

    /** The share of users the release has reached: a halted release keeps what it had. */
    double reach() {
        return switch (status) {
            case SimPlayTrack.DRAFT -> 0;
            case SimPlayTrack.COMPLETED -> 1;
            default -> userFraction == null ? 1 : userFraction;
        };
    }

    double percent() {
        // fraction × 100 in binary floating point gives 7.000000000000001 for 0.07: round to what a user wrote
        return Math.round(reach() * 100 * 1e6) / 1e6;
    }
}

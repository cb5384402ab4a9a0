package dev.ringmaster.testkit.sim;

/** App Store Connect's {@code phasedReleaseState}. */
public enum PhasedReleaseState {
    INACTIVE, ACTIVE, PAUSED, COMPLETE
}

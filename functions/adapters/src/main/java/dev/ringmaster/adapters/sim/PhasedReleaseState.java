package dev.ringmaster.adapters.sim;

/** App Store Connect's {@code phasedReleaseState}. */
public enum PhasedReleaseState {
    INACTIVE, ACTIVE, PAUSED, COMPLETE
}

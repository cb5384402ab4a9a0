package dev.ringmaster.functions.runtime;

/**
 * {@code ringmaster.targets}: which adapters apply audiences, flags and notifications. This build has only
 * the simulated ones; anything else stops the function at start-up instead of pretending to change a store.
 */
public final class TargetsMode {
    public static final String SIMULATED = "simulated";

    private TargetsMode() {
    }

    public static void check(String mode) {
        if (!SIMULATED.equals(mode == null ? null : mode.trim())) {
            throw new IllegalStateException("ringmaster.targets=" + mode + ": live store adapters are not in this build: "
                    + "set ringmaster.targets=simulated");
        }
    }
}

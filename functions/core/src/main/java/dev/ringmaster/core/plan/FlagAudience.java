package dev.ringmaster.core.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a feature-flag target's audience means in the flag document (CONTRACTS.md §1.2, seed 004's shape): the flag
 * values each call sets, the same for the simulated store and the real ones, so a plan behaves alike on both.
 */
public final class FlagAudience {

    private FlagAudience() {
    }

    /** What is wrong with flag values to write (each a percentage 0–100 or true/false), naming the first bad one; empty when none is. */
    public static Optional<String> invalid(Map<String, Object> flags) {
        return flags.entrySet().stream()
                .filter(e -> !(e.getValue() instanceof Boolean || e.getValue() instanceof Number n && !Double.isNaN(n.doubleValue())
                        && n.doubleValue() >= 0 && n.doubleValue() <= 100))
                .map(e -> "flag " + e.getKey() + ": " + e.getValue() + " is neither a percentage 0–100 nor true/false")
                .findFirst();
    }

    /** Entering {@code phase}: the flag on at its percentage, or its cohort on; empty when the phase has neither. */
    public static Optional<Map<String, Object>> entering(String flag, Phase phase, String version) {
        Map<String, Object> values = new LinkedHashMap<>();
        // A 0 % phase is a dark deploy (seed 003 "code with flags OFF"): the version is out, its flag off.
        values.put(flag + ".enabled", phase.percent() == null || phase.percent() > 0);
        values.put(flag + ".version", version);
        if (phase.cohort() != null) {
            values.put(flag + ".cohorts." + phase.cohort() + ".enabled", true);
            if (phase.percent() != null) {
                values.put(flag + ".cohorts." + phase.cohort() + ".percentage", phase.percent());
            }
        } else if (phase.percent() != null) {
            values.put(flag + ".percentage", phase.percent());
        } else {
            return Optional.empty();
        }
        return Optional.of(values);
    }

    /**
     * Rolling {@code phase} back: a cohort phase turns that cohort off; a percentage phase, or the cohort that reached
     * everyone (100 %), turns the flag off for everyone, undoing a completion too.
     */
    public static Map<String, Object> leaving(String flag, Phase phase) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (phase.cohort() != null) {
            values.put(flag + ".cohorts." + phase.cohort() + ".enabled", false);
            if (phase.percent() != null) {
                values.put(flag + ".cohorts." + phase.cohort() + ".percentage", 0.0);
            }
        }
        if (phase.cohort() == null || phase.percent() != null && phase.percent() >= 100) {
            values.put(flag + ".enabled", false);
            values.put(flag + ".percentage", 0.0);
        }
        return values;
    }

    /** Releasing to everyone: the flag on at 100 % for {@code version}. */
    public static Map<String, Object> completing(String flag, String version) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(flag + ".enabled", true);
        values.put(flag + ".version", version);
        values.put(flag + ".percentage", 100.0);
        return values;
    }
}

package dev.ringmaster.adapters.flags;

import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plan pieces for the flag tests: seed 004's cohort phases, percent phases, targets and stores. */
final class Flags {
    private Flags() {
    }

    static Phase cohort(String cohort, Double percent) {
        return new Phase(cohort, percent, cohort, List.of(), null, null, null, Duration.ofHours(1), null, null, null, Map.of(), null, List.of());
    }

    static Phase percent(double percent) {
        return new Phase("phase-" + percent, percent, null, List.of(), null, null, null, Duration.ofHours(1), null, null, null, Map.of(), null, List.of());
    }

    static Target target(String flag, Object... keys) {
        Map<String, Object> k = new LinkedHashMap<>(map(keys));
        k.put("flag", flag);
        return new Target(TargetType.FEATURE_FLAG, k);
    }

    static FlagStore store(String provider, Object... keys) {
        return new FlagStore(provider, map(keys));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}

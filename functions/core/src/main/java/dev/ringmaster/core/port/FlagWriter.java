package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.FlagStore;
import java.util.Map;

/** Writes phase flags and kill-switch flags to the plan's flag store (AppConfig or a JSON flag document). */
public interface FlagWriter {

    /** Sets each flag to its value (a rollout percentage 0–100 or on/off); idempotent. */
    void write(FlagStore store, Map<String, Object> flags);
}

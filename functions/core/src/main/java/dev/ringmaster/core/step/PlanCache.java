package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stored plan text → plan, parsed once: a tick every five minutes must not re-read YAML every time. */
public final class PlanCache {
    private static final int LIMIT = 256;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    public Plan get(String rolloutId, String yaml) {
        Plan cached = plans.get(yaml);
        if (cached != null) {
            return cached;
        }
        ParseResult r = PlanParser.parse(rolloutId + ".yaml", yaml);
        if (!r.ok()) {
            // A stored plan was valid when it was started; an error here means the store was edited by hand.
            throw new IllegalStateException("stored plan of " + rolloutId + " is invalid: " + r.errors());
        }
        if (plans.size() >= LIMIT) {
            plans.clear();
        }
        plans.put(yaml, r.plan());
        return r.plan();
    }
}

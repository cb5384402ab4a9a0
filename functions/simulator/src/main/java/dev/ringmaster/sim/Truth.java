package dev.ringmaster.sim;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator knows and the gates do not: whether the scenario's canary breaks a bound of the plan.
 * A scenario is bad when any true canary value is beyond a gate's bound or a halting rule's bound (relative
 * bounds against the true baseline); a failing check is bad too.
 */
final class Truth {
    private Truth() {
    }

    static boolean bad(Plan plan, Scenario scenario) {
        List<String> metricBounds = new ArrayList<>();
        for (Phase p : plan.phases()) {
            for (Gate g : p.gates()) {
                if (breaks(g.bound(), scenario.metrics().get(g.metric()))) {
                    metricBounds.add(g.metric());
                }
            }
        }
        for (HaltRule h : plan.haltRules()) {
            if (h.halts() && breaks(h.bound(), scenario.metrics().get(h.metric()))) {
                metricBounds.add(h.metric());
            }
        }
        return !metricBounds.isEmpty();
    }

    private static boolean breaks(Bound bound, Scenario.Truth truth) {
        if (truth == null) {
            return false;
        }
        if (truth.check() != null) {
            return !truth.check();
        }
        double c = truth.canary();
        return switch (bound.type()) {
            case MAX -> c > bound.value();
            case MIN -> c < bound.value();
            case MAX_RELATIVE -> c > bound.value() * truth.baseline();
            case MIN_RELATIVE -> c < bound.value() * truth.baseline();
            case PASS -> false;
        };
    }
}

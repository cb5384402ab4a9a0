package dev.ringmaster.core.rollout;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;

/**
 * Splits the plan's falseHaltRate over every test that can halt a healthy build (Bonferroni): each
 * (phase, statistical gate) pair and each (phase, critical halting rule) pair gets an equal share, so the
 * chance that any of them ever halts a healthy build, over the whole rollout, stays under falseHaltRate.
 * Check gates carry no sampling error and take no share.
 */
public final class AlphaBudget {
    private AlphaBudget() {
    }

    public static int tests(Plan plan) {
        long haltRules = plan.haltRules().stream().filter(h -> h.halts() && h.bound().type() != Bound.Type.PASS).count();
        int n = 0;
        for (Phase p : plan.phases()) {
            n += (int) p.gates().stream().filter(AlphaBudget::statistical).count();
            n += (int) haltRules;
        }
        return Math.max(1, n);
    }

    public static double perTest(Plan plan) {
        return plan.falseHaltRate() / tests(plan);
    }

    private static boolean statistical(Gate g) {
        return g.bound().type() != Bound.Type.PASS;
    }
}

package dev.ringmaster.sim;

import dev.ringmaster.core.plan.Phase;
import java.time.Duration;

/** How much of a scenario's traffic reaches the canary and the baseline in a phase. */
public final class Traffic {
    /** Share of traffic still on the old version at 100 %: stragglers who have not updated yet keep a baseline. */
    static final double MIN_BASELINE_SHARE = 0.10;
    /** A cohort, group or ring phase without a size is sampled as 1 % of users (CONTRACTS.md §4). */
    static final double DEFAULT_NAMED_SHARE = 0.01;

    private Traffic() {
    }

    /**
     * The canary's share of sessions: the phase's percentage, its size against the hourly users, or 1 %. A 0 %
     * phase is a dark deploy (seed 003 ZERO and LOW): every session runs the new code with its feature off.
     */
    public static double share(Phase phase, Scenario scenario) {
        if (phase.percent() != null && phase.percent() == 0) {
            return 1;
        }
        if (phase.percent() != null) {
            return phase.percent() / 100.0;
        }
        if (phase.size() != null) {
            return Math.min(1, phase.size() / scenario.users());
        }
        return DEFAULT_NAMED_SHARE;
    }

    public static double baselineShare(double canaryShare) {
        return Math.max(1 - canaryShare, MIN_BASELINE_SHARE);
    }

    /** Sessions of all users over {@code length}, {@code since} the scenario began (with its daily cycle). */
    public static double sessions(Scenario scenario, Duration since, Duration length) {
        double diurnal = 1 + scenario.diurnal() * Math.sin(2 * Math.PI * since.toSeconds() / 86400.0);
        return scenario.users() * length.toSeconds() / 3600.0 * diurnal;
    }
}

package dev.ringmaster.bench;

import java.time.Instant;
import java.util.List;

/** A decision policy a release engineer could run instead of ringmaster's (GATES.md "The benchmark"). */
public interface Policy {

    String name();

    /**
     * Whether the policy's decisions depend on a gate's {@code margin}. A plan variant that differs only in its
     * margins (the decidable plan) is run only under policies that read them: the others would decide exactly as
     * on the strict plan, on the same observations.
     */
    default boolean readsMargins() {
        return false;
    }

    /**
     * A fresh judge for one phase.
     *
     * @param metrics     what the plan gates on, with its bounds
     * @param phaseStart  when the phase was entered
     * @param tick        the decision interval
     * @param truth       the scenario's true effect; only the oracle may look at it
     * @param alphaFail   the plan's false-halt budget for this gate (statistical policies only)
     */
    PhaseJudge judge(List<BenchMetric> metrics, Instant phaseStart, java.time.Duration tick, TrueEffect truth, double alphaFail);
}

package dev.ringmaster.core.rollout;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every legal change of state, and nothing else (after resilience4j's StateTransition): a pair not listed
 * here cannot happen, whoever asks.
 */
public enum Transition {
    START(RolloutState.PENDING, RolloutState.RUNNING),
    RESTART_AFTER_FIX(RolloutState.ROLLED_BACK, RolloutState.RUNNING),
    ADVANCE(RolloutState.RUNNING, RolloutState.RUNNING),
    PAUSE(RolloutState.RUNNING, RolloutState.PAUSED),
    HALT(RolloutState.RUNNING, RolloutState.HALTED),
    RESUME_PAUSED(RolloutState.PAUSED, RolloutState.RUNNING),
    RESUME_HALTED(RolloutState.HALTED, RolloutState.RUNNING),
    ROLLBACK_RUNNING(RolloutState.RUNNING, RolloutState.ROLLING_BACK),
    ROLLBACK_PAUSED(RolloutState.PAUSED, RolloutState.ROLLING_BACK),
    ROLLBACK_HALTED(RolloutState.HALTED, RolloutState.ROLLING_BACK),
    /** seed 000 ring 4: "rollback via hotfix" — every audience the build reached is withdrawn where the targets can */
    ROLLBACK_COMPLETED(RolloutState.COMPLETED, RolloutState.ROLLING_BACK),
    /** the targets confirmed the rollback */
    ROLLBACK_CONFIRMED(RolloutState.ROLLING_BACK, RolloutState.ROLLED_BACK),
    /** a target failed or refused the rollback: visible, alerted, tried again every tick */
    ROLLBACK_FAILED(RolloutState.ROLLING_BACK, RolloutState.ROLLBACK_FAILED),
    /** a later try went through */
    ROLLBACK_RETRY_CONFIRMED(RolloutState.ROLLBACK_FAILED, RolloutState.ROLLED_BACK),
    COMPLETE(RolloutState.RUNNING, RolloutState.COMPLETED),
    FORCE_PROMOTE_RUNNING(RolloutState.RUNNING, RolloutState.COMPLETED),
    FORCE_PROMOTE_PAUSED(RolloutState.PAUSED, RolloutState.COMPLETED),
    FORCE_PROMOTE_HALTED(RolloutState.HALTED, RolloutState.COMPLETED);

    public final RolloutState from;
    public final RolloutState to;

    Transition(RolloutState from, RolloutState to) {
        this.from = from;
        this.to = to;
    }

    /** The one transition of this kind out of {@code from}, if the table has it. */
    static Optional<Transition> find(RolloutState from, RolloutState to, String prefix) {
        return Arrays.stream(values()).filter(t -> t.from == from && t.to == to && t.name().startsWith(prefix)).findFirst();
    }
}

package dev.ringmaster.core.port;

/** The side effect an event asks of the step functions. */
public enum Action {
    /** apply the audience of the phase the rollout is now in (start, advance, resume, restart): advance-phase */
    ENTER_PHASE,
    /** release to everyone: advance-phase */
    COMPLETE,
    /** stop new users (halt rule, failed gate, pause, maxSoak): pause-store-rollout */
    HALT,
    /** take the version away and throw the kill switch: pause-store-rollout */
    ROLLBACK,
    /** nothing to change on the target; people may still be told: notify-channel only */
    NONE
}

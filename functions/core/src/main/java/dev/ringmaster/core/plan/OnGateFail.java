package dev.ringmaster.core.plan;

/** What a failed exit gate does (seed 002: "if health gates fail: pause"). */
public enum OnGateFail {
    PAUSE, ROLLBACK
}

package dev.ringmaster.core.plan;

/** What a critical halt rule does when it fires. */
public enum HaltAction {
    PAUSE, ROLLBACK, ALERT
}

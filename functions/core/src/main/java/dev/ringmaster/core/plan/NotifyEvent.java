package dev.ringmaster.core.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a notify rule listens for ({@code notify[].on} in a plan): one per decision and command. */
public enum NotifyEvent {
    STARTED("started"), ADVANCED("advanced"), HELD("held"), HALTED("halted"), PAUSED("paused"), RESUMED("resumed"),
    ROLLED_BACK("rolled-back"), COMPLETED("completed"), APPROVAL_NEEDED("approval-needed"), APPROVED("approved"),
    ALERT("alert"), KILLED("killed"), PROMOTED("promoted"), FIXED("fixed"),
    /** a halt, rollback or kill the target did not take: critical, told to every rule whatever its {@code on} */
    ACTION_FAILED("action-failed"),
    /** a rollback not confirmed within its {@code rollbackWithin}: critical */
    ROLLBACK_SLOW("rollback-slow"),
    /** seed 003 after any rollback: what, when and why, and what could not be undone (#incidents; the status page when customers were exposed) */
    INCIDENT("incident"),
    /** seed 003 after a rollback that reached customers: "update status page if customer impact" */
    CUSTOMERS_AFFECTED("customers-affected"),
    /** seed 003: "schedule postmortem within 48 hours" */
    POSTMORTEM_DUE("postmortem-due"),
    /** issue 11: the target shows a change made by hand in its console; the rollout paused rather than overwrite it: critical */
    CHANGED_BY_HAND("changed-by-hand"),
    /** seed 002 "daily status updates during rollout": once a day while the rollout is not finished */
    DAILY_STATUS("daily-status");

    public final String key;

    NotifyEvent(String key) {
        this.key = key;
    }

    /** Critical events reach every notify rule of the phase, whatever the rule listens for. */
    public boolean critical() {
        return this == ACTION_FAILED || this == ROLLBACK_SLOW || this == CHANGED_BY_HAND;
    }

    /**
     * How urgent the event is for severity routing (seed 002's alert levels): stops and failures critical, what
     * waits for a person warning, progress info. An {@link #ALERT} is as severe as the rules that fired
     * ({@code NotifyChannel} says which).
     */
    public Severity severity() {
        return switch (this) {
            case HALTED, ROLLED_BACK, KILLED, ACTION_FAILED, ROLLBACK_SLOW, CHANGED_BY_HAND, INCIDENT, CUSTOMERS_AFFECTED -> Severity.CRITICAL;
            case HELD, PAUSED, APPROVAL_NEEDED, ALERT, POSTMORTEM_DUE -> Severity.WARNING;
            default -> Severity.INFO;
        };
    }

    public static Optional<NotifyEvent> of(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(e -> e.key).toList();
    }

    @Override
    public String toString() {
        return key;
    }
}

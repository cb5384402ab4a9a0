package dev.ringmaster.core.port;

import java.time.Instant;

/**
 * The outbox record of one published event, written in the same transaction as the state change it follows
 * from: what the event asks of a target (its action) and of people (its notification). A tick sends an intent's
 * event again until both are settled, so a lost event, a crashed step or a failed call loses nothing.
 *
 * @param outcome  null while the action is open; then "done: …", "refused: …", "superseded: …" or "no action"
 * @param notified every notify rule that listens was told (or none listens)
 */
public record Intent(RolloutEvent event, String outcome, Instant doneAt, boolean notified) {
    public static final String NO_ACTION = "no action";

    /** A new intent: NONE needs no target call, so only its notification is open. */
    public static Intent of(RolloutEvent event) {
        return new Intent(event, event.action() == Action.NONE ? NO_ACTION : null, event.action() == Action.NONE ? event.at() : null,
                false);
    }

    public String id() {
        return event.intentId();
    }

    public String rolloutId() {
        return event.rolloutId();
    }

    public long version() {
        return event.version();
    }

    public Action action() {
        return event.action();
    }

    public int phaseIndex() {
        return event.phaseIndex();
    }

    public Instant at() {
        return event.at();
    }

    public boolean actionOpen() {
        return outcome == null;
    }

    /** Something is still owed: the action or the notification. */
    public boolean open() {
        return actionOpen() || !notified;
    }
}

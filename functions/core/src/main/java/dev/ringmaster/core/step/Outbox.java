package dev.ringmaster.core.step;

import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tick's side of the outbox: every intent whose action or notification is still owed is sent on the bus
 * again once it is due, and an intent a later one overtook is closed as superseded. The tick never calls a
 * target itself, so judging never waits on acting: a store answering 503 costs the tick nothing.
 */
public final class Outbox {
    /**
     * How long a fresh intent is left to the step its event went to before the tick sends it again: a younger
     * one is most likely being carried out right now.
     */
    public static final Duration GRACE = Duration.ofMinutes(1);

    private final RolloutStore store;
    private final EventPublisher bus;
    private final Duration grace;

    /** @param grace how long a fresh intent is left alone; zero where nothing else delivers events (the local runner) */
    Outbox(RolloutStore store, EventPublisher bus, Duration grace) {
        this.store = store;
        this.bus = bus;
        this.grace = grace;
    }

    /** What one pass did: intents sent again, intents closed as superseded, and sends that failed. */
    record Pass(int resent, int superseded, List<String> failures) {
    }

    /** One pass over {@code rolloutId}'s open intents, oldest first, against its current effect. */
    Pass redeliver(String rolloutId, Effect effect, Instant now) {
        int resent = 0;
        int superseded = 0;
        List<String> failures = new ArrayList<>();
        for (Intent intent : store.openIntents(rolloutId)) {
            Intent open = intent;
            if (intent.actionOpen() && intent.version() < effect.version()) {
                store.supersede(intent, Effects.superseded(intent, effect, now));
                superseded++;
                open = store.intent(rolloutId, intent.id()).orElse(intent);
                if (!open.open()) {
                    continue;
                }
            }
            if (actionDue(open, effect, now) || noticeDue(open, now)) {
                try {
                    // Only the current intent's action goes to a target function again; an overtaken one is never re-sent there.
                    bus.publish(actionDue(open, effect, now) ? open.event() : open.event().notificationOnly());
                    resent++;
                } catch (RuntimeException e) {
                    failures.add(open.id() + ": " + e.getMessage());
                }
            }
        }
        return new Pass(resent, superseded, failures);
    }

    /**
     * The action is due again: it is the current effect, no live step holds it, and it is past its grace or,
     * after a failure, past its retry time (backoff).
     */
    boolean actionDue(Intent intent, Effect effect, Instant now) {
        return intent.actionOpen() && intent.version() == effect.version() && !effect.held(now)
                && (effect.status() == Effect.Status.FAILED ? effect.retryAt() == null || !effect.retryAt().isAfter(now) : !fresh(intent, now));
    }

    boolean noticeDue(Intent intent, Instant now) {
        return !intent.notified() && !fresh(intent, now);
    }

    private boolean fresh(Intent intent, Instant now) {
        return intent.at().plus(grace).isAfter(now);
    }
}

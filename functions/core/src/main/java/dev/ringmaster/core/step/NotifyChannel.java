package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step function {@code notify-channel}: tells each of the phase's notify rules that listens for the event
 * (seed 000: the ring decides the channel), each message once however often the event is delivered. A message
 * is claimed, sent, then marked sent; a failed send releases its claim and fails the invocation, so a
 * redelivery or the next tick sends it, and the intent counts as notified only once every message went out.
 */
public final class NotifyChannel {
    /** How long a sent message refuses to be sent again: longer than any redelivery. */
    static final Duration KEEP_SENT = Duration.ofDays(7);
    private final RolloutStore store;
    private final Notifier notifier;
    private final Clock clock;
    private final PlanCache plans;

    public NotifyChannel(RolloutStore store, Notifier notifier, Clock clock, PlanCache plans) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.plans = plans;
    }

    /** A send failed; the others of this event went out (or were already out). */
    public static final class NotSent extends RuntimeException {
        public NotSent(String message) {
            super(message);
        }
    }

    /**
     * Sends the event's messages, holding each claim until {@code until} (the invocation's deadline).
     *
     * @return the channels told by this call
     * @throws NotSent when a channel failed: every other message stays sent, that one is sent on redelivery
     */
    public List<String> handle(RolloutEvent event, Instant until) {
        Optional<StoredRollout> stored = store.find(event.rolloutId());
        if (stored.isEmpty()) {
            return List.of();
        }
        Plan plan = plans.get(event.rolloutId(), stored.get().planYaml());
        Phase phase = plan.phases().get(event.phaseIndex());
        Severity severity = Messages.severity(plan, event);
        List<String> told = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<HistoryEntry> history = null;
        boolean allSent = true;
        for (NotifyRule rule : plan.notifyIn(phase)) {
            if (!rule.listensTo(event.event(), severity)) {
                continue;
            }
            String key = "notify#" + event.rolloutId() + "#" + event.intentId() + "#" + event.event() + "#" + rule.channel() + "#" + rule.address();
            Instant now = clock.instant();
            RolloutStore.MessageClaim claim = store.claim(key, now, until);
            if (claim != RolloutStore.MessageClaim.CLAIMED) {
                allSent &= claim == RolloutStore.MessageClaim.SENT;
                continue;
            }
            if (history == null) {
                history = store.history(event.rolloutId());
            }
            try {
                notifier.send(rule, message(plan, phase, rule, event, stored.get().rollout().state(), history));
            } catch (RuntimeException e) {
                store.release(key);
                failed.add(rule.channel() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                continue;
            }
            store.complete(key, now.plus(KEEP_SENT));
            told.add(rule.channel());
        }
        if (!failed.isEmpty()) {
            throw new NotSent("not sent, tried again on redelivery: " + String.join("; ", failed) + (told.isEmpty() ? "" : "; sent: " + told));
        }
        if (allSent) {
            // A message another delivery still holds is not counted: if that one fails, the outbox must send it.
            store.markNotified(event.rolloutId(), event.intentId());
        }
        return told;
    }

    /** TestFlight notes are the ring target's "What to Test" when it has one; every other message says why. */
    static Notifier.Message message(Plan plan, Phase phase, NotifyRule rule, RolloutEvent e, RolloutState state, List<HistoryEntry> history) {
        String whatToTest = plan.targetOf(phase).key("whatToTest");
        String text = rule.channel().equals("testflight-notes") && whatToTest != null ? whatToTest : String.join("\n", e.reasons());
        return Messages.of(plan, phase, e, state, history, text);
    }
}

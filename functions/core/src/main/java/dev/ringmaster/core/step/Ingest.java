package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.SignalDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies verified webhook signals: each event once (its id is claimed, and remembered for {@code keep} after it was
 * applied), recorded against every rollout it concerns, and acted on at once when it means trouble
 * ({@link SignalDecision}) with the same transition, intent and bus event a tick would write.
 */
public final class Ingest {
    /** How many times a lost race with a tick is tried again before the signal is left to the next delivery. */
    private static final int ATTEMPTS = 3;

    private final RolloutStore store;
    private final EventPublisher bus;
    private final Clock clock;
    private final PlanCache plans;
    private final Duration keep;

    /** How long an applied event id is remembered by default: Pub/Sub keeps an unacknowledged message up to 7 days. */
    public static final Duration KEEP = Duration.ofDays(7);

    /** @param keep how long an applied event id is remembered: a later delivery of it is a replay */
    public Ingest(RolloutStore store, EventPublisher bus, Clock clock, PlanCache plans, Duration keep) {
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.plans = plans;
        this.keep = keep;
    }

    /** What became of one signal. */
    public enum Status {
        /** recorded against (and maybe acted on for) at least one rollout */
        APPLIED,
        /** no rollout it names is known: nothing recorded */
        UNMATCHED,
        /** its event id was applied before: nothing changed */
        DUPLICATE,
        /** another delivery of the same event is being applied right now: nothing changed */
        IN_FLIGHT
    }

    /** @param lines one per rollout: what was recorded and what was done */
    public record Outcome(Status status, List<String> lines) {
    }

    public Outcome apply(Signal s) {
        Instant now = clock.instant();
        String key = "webhook#" + s.from().key + "#" + s.eventId();
        switch (store.claim(key, now, now.plus(Duration.ofMinutes(1)))) {
            case SENT -> {
                return new Outcome(Status.DUPLICATE, List.of("event " + s.eventId() + " was applied before: nothing changed"));
            }
            case HELD -> {
                return new Outcome(Status.IN_FLIGHT, List.of("event " + s.eventId() + " is being applied by another delivery: nothing changed"));
            }
            default -> {
            }
        }
        try {
            List<StoredRollout> concerned = concerned(s);
            List<String> lines = new ArrayList<>();
            for (StoredRollout stored : concerned) {
                lines.add(applyTo(stored.rollout().id(), s));
            }
            if (concerned.isEmpty()) {
                // Nothing was applied, so nothing to remember: a later delivery, once the rollout exists, is applied.
                store.release(key);
                return new Outcome(Status.UNMATCHED, List.of("no rollout matches " + s.concerns() + ": nothing recorded"));
            }
            store.complete(key, now.plus(keep));
            return new Outcome(Status.APPLIED, lines);
        } catch (RuntimeException e) {
            store.release(key);
            throw e;
        }
    }

    /** The named rollout (in any state), else every active rollout of the named app and version. */
    private List<StoredRollout> concerned(Signal s) {
        if (s.concerns().rolloutId() != null && !s.concerns().rolloutId().isBlank()) {
            return store.find(s.concerns().rolloutId()).stream().toList();
        }
        if (!s.concerns().names()) {
            return List.of();
        }
        return store.active().stream()
                .filter(st -> s.concerns().matches(st.rollout().id(), plans.get(st.rollout().id(), st.planYaml()))).toList();
    }

    private String applyTo(String rolloutId, Signal s) {
        for (int attempt = 1; ; attempt++) {
            StoredRollout stored = store.find(rolloutId).orElseThrow();
            Plan plan = plans.get(rolloutId, stored.planYaml());
            Rollout r = stored.rollout();
            Instant now = clock.instant();
            String phase = plan.phases().get(r.phaseIndex()).name();
            Optional<Decision> decision = SignalDecision.decide(plan, r, s, now);
            Rollout moved = decision.map(d -> RolloutMachine.apply(plan, r, d, now)).orElse(r);
            boolean transition = moved != r;
            boolean alert = decision.isPresent() && !decision.get().alerts().isEmpty();
            if (!transition && !alert) {
                store.append(RecordedSignals.entry(s, rolloutId, r.version(), phase));
                return rolloutId + ": recorded " + s.kind() + (decision.isPresent() ? " (" + r.state() + ": no change)" : "");
            }
            Decision d = decision.get();
            Rollout next = transition ? moved : r.ticked(r.lastDecision(), r.sourceErrors());
            List<HistoryEntry> entries = new ArrayList<>();
            entries.add(RecordedSignals.entry(s, rolloutId, next.version(), phase));
            entries.add(EvaluateGates.entry(rolloutId, now, next.version(), HistoryEntry.Kind.DECISION, d.type().name(), d));
            if (transition) {
                entries.add(EvaluateGates.transition(plan, r, next, d, now));
            }
            RolloutEvent event = EvaluateGates.event(plan, next, d, EvaluateGates.notifyEvent(d));
            try {
                store.save(next, r.version(), entries, Intent.of(event));
            } catch (VersionConflict e) {
                if (attempt < ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            String sent = EvaluateGates.publish(bus, event);
            return rolloutId + ": " + (transition ? r.state() + " → " + next.state() : "alert") + ": " + d.summary() + sent;
        }
    }
}

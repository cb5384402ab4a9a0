package dev.ringmaster.core.step;

import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Reason;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tick of a rollout that is not running. Its build may still be live, so watching does not stop: halt
 * rules keep being judged on a halted, paused or rolling-back rollout, for {@code watchAfterComplete} after
 * COMPLETED (seed 003 stage 5, seed 002's week-1 monitoring) and for {@code watchAfterRollback} after a rollback
 * (seed 003), each day on that day's evidence; a critical rollback rule rolls a halted, paused or completed rollout back, any other critical
 * failure is an alert. What people must hear is announced once each: a protective action the target did not
 * take, a rollback slower than its {@code rollbackWithin}, the incident summary once a rollback is confirmed
 * and, 48 hours after it, the postmortem reminder (seed 003's post-rollback procedure).
 */
final class Watch {
    /** Seed 003: "Schedule postmortem - within 48 hours". */
    static final Duration POSTMORTEM = Duration.ofHours(48);
    private static final String MEMORY = "WATCH|";

    private final RolloutStore store;
    private final MetricSource metrics;
    private final DecisionEngine engine;
    private final EvaluateGates tick;

    Watch(RolloutStore store, MetricSource metrics, DecisionEngine engine, EvaluateGates tick) {
        this.store = store;
        this.metrics = metrics;
        this.engine = engine;
        this.tick = tick;
    }

    /** One thing to announce, once: its key (unique per occurrence), its notify event and what it says. */
    private record Announcement(String key, NotifyEvent event, String what) {
    }

    /** Whether the rollout's halt rules are still judged now. */
    static boolean watched(Plan plan, Rollout r, Instant now) {
        return switch (r.state()) {
            case HALTED, PAUSED, ROLLING_BACK, ROLLBACK_FAILED -> true;
            case COMPLETED, ROLLED_BACK -> r.watchEnds(plan).filter(now::isBefore).isPresent();
            case PENDING, RUNNING -> false;
        };
    }

    /** Whether the rollout still needs its schedule: watched, or a rolled-back one whose postmortem reminder is not out yet. */
    static boolean ticking(Plan plan, Rollout r, Instant now) {
        return watched(plan, r, now) || r.state() == RolloutState.ROLLED_BACK && !announced(r).contains(postmortemKey(r));
    }

    EvaluateGates.Judged tick(Plan plan, StoredRollout stored, Instant now) {
        Rollout r = stored.rollout();
        Effect e = stored.effect();
        Phase phase = plan.phases().get(r.phaseIndex());
        List<Announcement> due = new ArrayList<>(announcements(plan, r, e, now));
        Decision watched = null;
        if (watched(plan, r, now)) {
            Instant since = r.state() == RolloutState.COMPLETED || r.state() == RolloutState.ROLLED_BACK || r.phaseEnteredAt() == null
                    ? today(r.stoppedAt(), now) : EvaluateGates.evidenceSince(EvaluateGates.live(plan, stored), r);
            Map<String, MetricSeries> observations = new LinkedHashMap<>();
            EvaluateGates.read(metrics, plan, r, EvaluateGates.metricsOf(plan, List.of()), since, now, observations, new ArrayList<>(), new ArrayList<>());
            watched = engine.watch(plan, r, observations, now, since);
            if (watched.type() == DecisionType.ROLLBACK) {
                return escalate(plan, stored, watched, now);
            }
            // A halted flag canary still serves its audience (a flag has no halt): the breaker disables it.
            if (r.state() == RolloutState.HALTED || r.state() == RolloutState.PAUSED) {
                Decision tripped = CircuitBreaker.apply(plan, phase, e, observations, new ArrayList<>(), 0, watched, now);
                if (tripped.type() == DecisionType.KILL) {
                    return escalate(plan, stored, tripped, now);
                }
            }
            if (!watched.alerts().isEmpty()) {
                due.add(new Announcement("alert " + watched.alerts().stream().map(Reason::rule).sorted().toList(), NotifyEvent.ALERT,
                        String.join("; ", watched.alerts().stream().map(Reason::toString).toList())));
            }
        }
        List<String> done = announced(r);
        Optional<Announcement> next = due.stream().filter(a -> !done.contains(a.key())).findFirst();
        String note = "rollout is " + r.state() + (watched == null ? "" : ", watched: halt rules only");
        if (next.isEmpty()) {
            return new EvaluateGates.Judged(new EvaluateGates.Result(Optional.ofNullable(watched), false, note, r), e);
        }
        Announcement a = next.get();
        Decision announce = new Decision(DecisionType.HOLD, phase.name(), List.of(Reason.of(a.event().key, a.what())),
                watched == null ? List.of() : watched.verdicts(), List.of(), now, null);
        List<String> memory = new ArrayList<>(done);
        memory.add(a.key());
        Rollout moved = r.ticked(MEMORY + String.join("|", memory), r.sourceErrors());
        RolloutEvent event = EvaluateGates.event(plan, moved, announce, a.event());
        try {
            store.save(moved, r.version(), List.of(EvaluateGates.entry(r.id(), now, moved.version(), HistoryEntry.Kind.DECISION,
                    a.event().name(), announce)), Intent.of(event));
        } catch (VersionConflict conflict) {
            return new EvaluateGates.Judged(new EvaluateGates.Result(Optional.empty(), false, note + ": another writer first", r), e);
        }
        return new EvaluateGates.Judged(new EvaluateGates.Result(Optional.of(announce), true, note + ": " + a.event().key + ": " + a.what()
                + tick.publish(event), moved), e);
    }

    /** A critical rollback rule failed on a stopped rollout: roll it back, with the intent in the same write. */
    private EvaluateGates.Judged escalate(Plan plan, StoredRollout stored, Decision d, Instant now) {
        Rollout r = stored.rollout();
        Rollout moved = RolloutMachine.apply(plan, r, d, now).remembering(d.type().name(), r.sourceErrors());
        RolloutEvent event = EvaluateGates.event(plan, moved, d, Events.event(d.type()));
        List<HistoryEntry> entries = List.of(EvaluateGates.entry(r.id(), now, moved.version(), HistoryEntry.Kind.DECISION, d.type().name(), d),
                EvaluateGates.transition(plan, r, moved, d, now));
        Intent intent = Intent.of(event);
        try {
            store.save(moved, r.version(), entries, intent);
        } catch (VersionConflict conflict) {
            return new EvaluateGates.Judged(new EvaluateGates.Result(Optional.of(d), false, "another writer first", r), stored.effect());
        }
        return new EvaluateGates.Judged(new EvaluateGates.Result(Optional.of(d), true, d.summary() + tick.publish(event), moved),
                stored.effect().asked(intent, now));
    }

    private static List<Announcement> announcements(Plan plan, Rollout r, Effect e, Instant now) {
        List<Announcement> out = new ArrayList<>();
        if (e.action().protective() && (e.status() == Effect.Status.FAILED || e.status() == Effect.Status.REFUSED)) {
            out.add(new Announcement("action-failed v" + e.version(), NotifyEvent.ACTION_FAILED, e.action().call() + " "
                    + (e.status() == Effect.Status.REFUSED ? "refused" : "failed") + ": " + e.error()
                    + (e.status() == Effect.Status.REFUSED ? "; not tried again: act by hand" : "; tried again every tick")));
        }
        Duration limit = plan.rollbackWithin(plan.phases().get(r.phaseIndex()));
        if (r.state().rollingBack() && limit != null && r.stoppedAt() != null && !now.isBefore(r.stoppedAt().plus(limit))) {
            out.add(new Announcement("rollback-slow v" + e.version(), NotifyEvent.ROLLBACK_SLOW, "the rollback decided at " + r.stoppedAt()
                    + " is not confirmed after " + Durations.format(limit) + " (rollbackWithin of '" + plan.phases().get(r.phaseIndex()).name()
                    + "'): " + (e.error() == null ? e.action().call() + " " + e.status() : e.error())));
        }
        if (r.state() == RolloutState.ROLLED_BACK && r.stoppedAt() != null) {
            boolean customers = plan.reachedCustomers(r.firstPhase(), r.phaseIndex());
            out.add(new Announcement(incidentKey(r), NotifyEvent.INCIDENT, plan.label()
                    + " was rolled back, confirmed at " + r.stoppedAt() + ": " + r.reason() + (customers
                    ? "; customers got this build: update the status page" : "; no customers got this build") + "; postmortem due by "
                    + r.stoppedAt().plus(POSTMORTEM) + "; fix the root cause and mark it fixed before it starts again"));
            if (customers) {
                out.add(new Announcement("customers " + r.stoppedAt(), NotifyEvent.CUSTOMERS_AFFECTED, (plan.app() == null ? plan.id() : plan.app()) + " "
                        + (plan.version() == null ? "" : plan.version() + " ") + "was withdrawn after a problem was found; "
                        + "customers who got it are back on the previous version"));
            }
            if (!now.isBefore(r.stoppedAt().plus(POSTMORTEM))) {
                out.add(new Announcement(postmortemKey(r), NotifyEvent.POSTMORTEM_DUE, "48 hours since " + plan.id()
                        + " was rolled back (" + r.stoppedAt() + "): the postmortem is due (seed 003)"));
            }
        }
        return out;
    }

    /**
     * After COMPLETED or a rollback each day of the watch is judged on its own evidence (seed 002's "daily
     * monitoring" in week 1): a regression on day 5 is not diluted by four good days.
     */
    static Instant today(Instant stoppedAt, Instant now) {
        long days = Math.max(0, Duration.between(stoppedAt, now).toDays());
        return stoppedAt.plus(Duration.ofDays(days));
    }

    private static String incidentKey(Rollout r) {
        return "incident " + r.stoppedAt();
    }

    private static String postmortemKey(Rollout r) {
        return "postmortem " + r.stoppedAt();
    }

    private static List<String> announced(Rollout r) {
        String m = r.lastDecision();
        return m == null || !m.startsWith(MEMORY) ? List.of() : Arrays.asList(m.substring(MEMORY.length()).split("\\|"));
    }
}

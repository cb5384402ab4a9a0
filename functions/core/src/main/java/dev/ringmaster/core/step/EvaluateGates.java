package dev.ringmaster.core.step;

import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Live;
import dev.ringmaster.core.rollout.Reason;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tick (step function {@code evaluate-gates}): read the metrics, decide, write the decision and its intent
 * in one conditional write, put the intent's event on the bus, then send again whatever the outbox still
 * owes. It never calls a target: a store answering 503 cannot stop gates and halt rules being judged. Two
 * racing ticks decide alike and only one write wins.
 */
public final class EvaluateGates {
    /** Prefix of the verdict lines in a decision's history entry. */
    public static final String VERDICT = "verdict: ";
    private final RolloutStore store;
    private final MetricSource metrics;
    private final EventPublisher bus;
    private final TickScheduler scheduler;
    private final Clock clock;
    private final PlanCache plans;
    private final DecisionEngine engine;
    private final Outbox outbox;

    public EvaluateGates(RolloutStore store, MetricSource metrics, EventPublisher bus, TickScheduler scheduler, Clock clock,
                         PlanCache plans) {
        this(store, metrics, bus, scheduler, clock, plans, true, Outbox.GRACE);
    }

    /**
     * @param intervals false for Monte Carlo runs that only count outcomes (decisions are the same either way)
     * @param grace     how long a fresh intent is left to the step its event went to before the tick sends it
     *                  again: zero where commands from other processes never reach a bus (the local runner)
     */
    public EvaluateGates(RolloutStore store, MetricSource metrics, EventPublisher bus, TickScheduler scheduler, Clock clock,
                         PlanCache plans, boolean intervals, java.time.Duration grace) {
        this.store = store;
        this.metrics = metrics;
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
        this.plans = plans;
        this.engine = new DecisionEngine(intervals);
        this.outbox = new Outbox(store, bus, grace);
    }

    /**
     * What one tick did: the decision (empty when the rollout is gone or not running), whether it was written
     * (false when another tick won), and the rollout as this tick left it (null when there is none).
     */
    public record Result(Optional<Decision> decision, boolean written, String note, Rollout rollout) {
    }

    public Result tick(String rolloutId) {
        Optional<StoredRollout> found = store.find(rolloutId);
        if (found.isEmpty()) {
            return new Result(Optional.empty(), false, "no rollout " + rolloutId, null);
        }
        StoredRollout stored = found.get();
        Plan plan = plans.get(rolloutId, stored.planYaml());
        Instant now = clock.instant();
        Judged judged = stored.rollout().state() == RolloutState.RUNNING
                ? judge(plan, stored, now)
                : watch(plan, stored, now);
        Result result = judged.result();
        // After the decision, so an intent it overtook is closed as superseded rather than sent once more.
        Outbox.Pass pass = outbox.redeliver(rolloutId, judged.effect(), now);
        if (result.rollout().state().terminal() && store.openIntents(rolloutId).isEmpty()) {
            scheduler.unschedule(rolloutId);
        }
        String note = result.note() + (pass.failures().isEmpty() ? "" : "; not sent again yet: " + String.join("; ", pass.failures()));
        return new Result(result.decision(), result.written(), note, result.rollout());
    }

    /** A tick's result and the effect it left: a new intent with an action is the effect from then on. */
    private record Judged(Result result, Effect effect) {
    }

    private Judged judge(Plan plan, StoredRollout stored, Instant now) {
        Rollout r = stored.rollout();
        String rolloutId = r.id();
        Live live = live(plan, stored);
        Instant since = live.live() ? live.since() : r.phaseEnteredAt();
        Map<String, MetricSeries> observations = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (String metric : metricsOf(plan, plan.phases().get(r.phaseIndex()))) {
            MetricDef def = plan.metrics().get(metric);
            try {
                List<Sample> samples = metrics.read(def, rolloutId, plan.version(), since, now);
                observations.put(metric, new MetricSeries(metric, samples, false));
            } catch (MetricSource.Unavailable e) {
                unavailable.add(metric + ": " + e.getMessage());
            }
        }
        int errors = unavailable.isEmpty() ? 0 : r.sourceErrors() + 1;
        Decision decision = breakCircuit(plan, stored.effect(), engine.decide(plan, r, observations, now, live), unavailable, errors, now);
        Rollout moved = RolloutMachine.apply(plan, r, decision, now);
        boolean transition = moved != r;
        // What the tick remembers: its decision and which alerts fired, so only a change is announced.
        String memory = decision.type().name() + (decision.alerts().isEmpty() ? ""
                : " +alerts " + decision.alerts().stream().map(Reason::rule).sorted().toList());
        Rollout next = transition ? moved.remembering(memory, errors) : r.ticked(memory, errors);
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(entry(rolloutId, now, next.version(), HistoryEntry.Kind.DECISION, decision.type().name(), decision));
        if (transition) {
            entries.add(new HistoryEntry(rolloutId, now, next.version(), HistoryEntry.Kind.TRANSITION,
                    r.state() + " → " + next.state() + (next.phaseIndex() != r.phaseIndex()
                            ? " (" + plan.phases().get(next.phaseIndex()).name() + ")" : ""),
                    plan.phases().get(next.phaseIndex()).name(), "ringmaster", List.of(decision.summary())));
        }
        RolloutEvent event = transition || !memory.equals(r.lastDecision()) ? event(plan, next, decision, notifyEvent(decision)) : null;
        Intent intent = event == null ? null : Intent.of(event);
        try {
            store.save(next, r.version(), entries, intent);
        } catch (VersionConflict e) {
            StoredRollout winner = store.find(rolloutId).orElse(stored);
            return new Judged(new Result(Optional.of(decision), false, "another tick wrote first: " + e.getMessage(), winner.rollout()),
                    winner.effect());
        }
        String note = decision.summary();
        if (event != null) {
            note += publish(event);
        }
        Effect effect = intent != null && intent.action() != Action.NONE ? stored.effect().asked(intent, now) : stored.effect();
        return new Judged(new Result(Optional.of(decision), true, note, next), effect);
    }

    /**
     * A rollout that is not running is not judged, but a protective action its target failed or refused is
     * announced at critical severity, once per action: the outbox keeps trying it every tick.
     */
    private Judged watch(Plan plan, StoredRollout stored, Instant now) {
        Rollout r = stored.rollout();
        Effect e = stored.effect();
        String note = "rollout is " + r.state();
        boolean failed = e.action().protective() && (e.status() == Effect.Status.FAILED || e.status() == Effect.Status.REFUSED);
        String memory = "ACTION_FAILED v" + e.version();
        if (!failed || memory.equals(r.lastDecision())) {
            return new Judged(new Result(Optional.empty(), false, note + failure(e), r), e);
        }
        Phase phase = plan.phases().get(r.phaseIndex());
        String what = e.action().call() + " " + (e.status() == Effect.Status.REFUSED ? "refused" : "failed") + ": " + e.error()
                + (e.status() == Effect.Status.REFUSED ? "; not tried again: act by hand" : "; tried again every tick");
        Decision alert = new Decision(DecisionType.HOLD, phase.name(), List.of(Reason.of("action", what)), List.of(),
                List.of(Reason.of("action", what)), now, null);
        Rollout next = r.ticked(memory, r.sourceErrors());
        RolloutEvent event = event(plan, next, alert, NotifyEvent.ACTION_FAILED);
        try {
            store.save(next, r.version(), List.of(entry(r.id(), now, next.version(), HistoryEntry.Kind.DECISION, "ACTION_FAILED", alert)),
                    Intent.of(event));
        } catch (VersionConflict conflict) {
            return new Judged(new Result(Optional.empty(), false, note + ": another writer first", r), e);
        }
        return new Judged(new Result(Optional.empty(), false, note + ": " + what + publish(event), next), e);
    }

    /**
     * Seed 004's circuit breaker on ringmaster's own calls: the current effect failed on the target this many
     * times in a row, so the canary is stopped rather than left half-applied (halt; the outbox keeps trying
     * that). Metric sources that cannot be read pause the rollout after as many ticks.
     */
    private static Decision breakCircuit(Plan plan, Effect effect, Decision decision, List<String> unavailable, int errors,
                                         Instant now) {
        if (decision.type() != DecisionType.HOLD) {
            return withSources(decision, unavailable, now);
        }
        int limit = plan.circuitBreakerErrors();
        if (effect.status() == Effect.Status.FAILED && effect.attempts() >= limit) {
            return new Decision(DecisionType.HALT, decision.phase(), List.of(Reason.of("circuitBreaker", effect.attempts()
                    + " consecutive failed calls to carry out " + effect.action().call() + " (circuitBreaker.consecutiveErrors " + limit
                    + "): halting; last error: " + effect.error())), decision.verdicts(), decision.alerts(), now, null);
        }
        if (errors >= limit) {
            List<Reason> why = new ArrayList<>();
            why.add(Reason.of("circuitBreaker", errors + " consecutive ticks without metrics (circuitBreaker.consecutiveErrors "
                    + limit + "): pausing"));
            unavailable.forEach(u -> why.add(Reason.of("source", u)));
            return new Decision(DecisionType.PAUSE, decision.phase(), why, decision.verdicts(), decision.alerts(), now, null);
        }
        return withSources(decision, unavailable, now);
    }

    private static Decision withSources(Decision decision, List<String> unavailable, Instant now) {
        if (unavailable.isEmpty()) {
            return decision;
        }
        List<Reason> why = new ArrayList<>(decision.reasons());
        unavailable.forEach(u -> why.add(Reason.of("source unavailable", u)));
        return new Decision(decision.type(), decision.phase(), why, decision.verdicts(), decision.alerts(), now, decision.waitUntil());
    }

    /**
     * Whether the phase's audience is live: the rollout's current effect widens the audience (enter, resume)
     * and the target confirmed it; a rollout stored without any effect (seeded) counts from its phase entry.
     */
    static Live live(Plan plan, StoredRollout stored) {
        Effect e = stored.effect();
        Rollout r = stored.rollout();
        if (!e.action().widens()) {
            return Live.since(r.phaseEnteredAt());
        }
        String target = plan.targetOf(plan.phases().get(r.phaseIndex())).describe();
        return switch (e.status()) {
            case DONE -> Live.since(e.at().isAfter(r.phaseEnteredAt()) ? e.at() : r.phaseEnteredAt());
            case REFUSED -> Live.refused(target + " refused " + e.action().call() + ": " + e.error());
            case FAILED -> Live.pending(target + " failed " + e.action().call() + " " + e.attempts() + " time(s): " + e.error());
            default -> Live.pending(e.action().call() + " on " + target + " not confirmed yet");
        };
    }

    /** Sends the intent's event; a failure is only noted, because the outbox sends it again. */
    private String publish(RolloutEvent event) {
        try {
            bus.publish(event);
            return "";
        } catch (RuntimeException e) {
            return "; the event is not on the bus yet (" + e.getMessage() + "): the next tick sends it";
        }
    }

    private static String failure(Effect e) {
        return e.status() == Effect.Status.FAILED || e.status() == Effect.Status.REFUSED
                ? "; " + e.action().call() + " " + e.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.error() : "";
    }

    static Set<String> metricsOf(Plan plan, Phase phase) {
        Set<String> out = new LinkedHashSet<>();
        plan.haltRules().stream().map(HaltRule::metric).forEach(out::add);
        phase.gates().stream().map(Gate::metric).forEach(out::add);
        return out;
    }

    private static HistoryEntry entry(String id, Instant now, long version, HistoryEntry.Kind kind, String what, Decision d) {
        List<String> reasons = new ArrayList<>();
        d.reasons().forEach(r -> reasons.add(r.toString()));
        d.alerts().forEach(a -> reasons.add("alert: " + a));
        // Every gate's and rule's verdict, so `status` can show the evidence without reading metrics itself.
        d.verdicts().forEach(v -> reasons.add(VERDICT + v));
        return new HistoryEntry(id, now, version, kind, what, d.phase(), "ringmaster", reasons);
    }

    private static NotifyEvent notifyEvent(Decision d) {
        return !d.alerts().isEmpty() && Events.action(d.type()) == Action.NONE ? NotifyEvent.ALERT : Events.event(d.type());
    }

    private static RolloutEvent event(Plan plan, Rollout next, Decision d, NotifyEvent notify) {
        List<String> reasons = new ArrayList<>();
        d.reasons().forEach(r -> reasons.add(r.toString()));
        d.alerts().stream().filter(a -> !d.reasons().contains(a)).forEach(a -> reasons.add("alert: " + a));
        return new RolloutEvent(next.id(), next.version(), d.type(), null, notify == NotifyEvent.ACTION_FAILED ? Action.NONE
                : Events.action(d.type()), notify, plan.phases().get(next.phaseIndex()).name(), next.phaseIndex(), reasons,
                "ringmaster", d.at());
    }
}

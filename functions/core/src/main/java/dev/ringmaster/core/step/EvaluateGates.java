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
import dev.ringmaster.core.port.Release;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.TickScheduler;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.GateLedger;
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
 * in one conditional write, put the intent's event on the bus, check the target (after the decision: a store
 * answering 503 cannot stop gates and halt rules being judged; see {@link TargetCheck}), then send again whatever
 * the outbox still owes. Two racing ticks decide alike and only one write wins.
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
    private final Watch watch;
    private final TargetCheck check;

    public EvaluateGates(RolloutStore store, MetricSource metrics, EventPublisher bus, TickScheduler scheduler, Clock clock,
                         PlanCache plans, TargetCheck check) {
        this(store, metrics, bus, scheduler, clock, plans, true, Outbox.GRACE, check);
    }

    /**
     * @param intervals false for Monte Carlo runs that only count outcomes (decisions are the same either way)
     * @param grace     how long a fresh intent is left to the step its event went to before the tick sends it
     *                  again: zero where commands from other processes never reach a bus (the local runner)
     * @param check     the target check after each running tick; null where no target is reachable (decision tests)
     */
    public EvaluateGates(RolloutStore store, MetricSource metrics, EventPublisher bus, TickScheduler scheduler, Clock clock,
                         PlanCache plans, boolean intervals, java.time.Duration grace, TargetCheck check) {
        this.store = store;
        this.metrics = metrics;
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
        this.plans = plans;
        this.engine = new DecisionEngine(intervals);
        this.outbox = new Outbox(store, bus, grace);
        this.watch = new Watch(store, metrics, engine, this);
        this.check = check;
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
                : watch.tick(plan, stored, now);
        Result result = judged.result();
        if (check != null && result.rollout().state() == RolloutState.RUNNING) {
            String checked = check.check(plan, new StoredRollout(result.rollout(), stored.planYaml(), judged.effect()));
            if (!checked.isEmpty()) {
                Rollout after = store.find(rolloutId).map(StoredRollout::rollout).orElse(result.rollout());
                result = new Result(result.decision(), result.written(), result.note() + checked, after);
            }
        }
        // After the decision, so an intent it overtook is closed as superseded rather than sent once more.
        Outbox.Pass pass = outbox.redeliver(rolloutId, judged.effect(), now);
        if (result.rollout().state().terminal() && !Watch.ticking(plan, result.rollout(), now) && store.openIntents(rolloutId).isEmpty()) {
            scheduler.unschedule(rolloutId);
        }
        String note = result.note() + (pass.failures().isEmpty() ? "" : "; not sent again yet: " + String.join("; ", pass.failures()));
        return new Result(result.decision(), result.written(), note, result.rollout());
    }

    /** A tick's result and the effect it left: a new intent with an action is the effect from then on. */
    record Judged(Result result, Effect effect) {
    }

    private Judged judge(Plan plan, StoredRollout stored, Instant now) {
        Rollout r = stored.rollout();
        String rolloutId = r.id();
        Live live = live(plan, stored);
        Instant since = evidenceSince(live, r);
        Phase phase = plan.phases().get(r.phaseIndex());
        // Only what came after the ledger's sums is read and judged: a tick's work does not grow with the phase.
        GateLedger ledger = GateLedger.open(plan, r.phaseIndex(), engine.thresholds(plan, phase, now, since), stored.ledger());
        Map<String, MetricSeries> observations = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        read(metrics, plan, r, ledger.readFrom(plan, metricsOf(plan, phase.gates()), now), now, observations,
                unavailable, stale);
        ledger.fold(observations, now);
        int errors = unavailable.isEmpty() ? 0 : r.sourceErrors() + 1;
        Decision decision = CircuitBreaker.apply(plan, phase, stored.effect(), observations, unavailable,
                errors, CircuitBreaker.withSources(engine.decide(plan, r, observations, now, live, ledger), List.of(), stale, now), now);
        Rollout moved = RolloutMachine.apply(plan, r, decision, now);
        boolean transition = moved != r;
        // What the tick remembers: its decision and which alerts fired, so only a change is announced.
        String memory = decision.type().name() + (decision.alerts().isEmpty() ? ""
                : " +alerts " + decision.alerts().stream().map(Reason::rule).sorted().toList());
        boolean announce = transition || !memory.equals(DailyStatus.decision(r.lastDecision()));
        long day = DailyStatus.due(plan, r, moved, now, announce);
        String remembered = DailyStatus.remember(memory, r.lastDecision(), day);
        Rollout next = transition ? moved.remembering(remembered, errors) : r.ticked(remembered, errors);
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(entry(rolloutId, now, next.version(), HistoryEntry.Kind.DECISION, decision.type().name(), decision));
        if (transition) {
            entries.add(transition(plan, r, next, decision, now));
        }
        RolloutEvent event = announce ? event(plan, next, decision, notifyEvent(decision))
                : day > 0 ? event(plan, next, decision, NotifyEvent.DAILY_STATUS) : null;
        Intent intent = event == null ? null : Intent.of(event);
        try {
            // A decision that moved the rollout starts new evidence: its ledger is dropped with it.
            store.save(next, r.version(), entries, intent, transition ? null : ledger.encode());
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

    /**
     * Reads each of {@code names} over (since, now]; a source that cannot be read is noted in {@code unavailable}, one
     * whose data is too old in {@code stale} (that metric has no data, and the source is not failing).
     */
    static void read(MetricSource metrics, Plan plan, Rollout r, Iterable<String> names, Instant since, Instant now,
                     Map<String, MetricSeries> observations, List<String> unavailable, List<String> stale) {
        Map<String, Instant> from = new LinkedHashMap<>();
        names.forEach(metric -> from.put(metric, since));
        read(metrics, plan, r, from, now, observations, unavailable, stale);
    }

    /** {@link #read(MetricSource, Plan, Rollout, Iterable, Instant, Instant, Map, List, List)} from each metric's own start. */
    static void read(MetricSource metrics, Plan plan, Rollout r, Map<String, Instant> from, Instant now,
                     Map<String, MetricSeries> observations, List<String> unavailable, List<String> stale) {
        Release release = Release.of(plan, plan.phases().get(r.phaseIndex()), r.id(), r.startedAt());
        for (Map.Entry<String, Instant> read : from.entrySet()) {
            String metric = read.getKey();
            MetricDef def = plan.metrics().get(metric);
            try {
                List<Sample> samples = metrics.read(def, release, read.getValue(), now);
                observations.put(metric, new MetricSeries(metric, samples, false));
            } catch (MetricSource.Stale e) {
                stale.add(metric + ": " + e.getMessage());
            } catch (MetricSource.Unavailable e) {
                unavailable.add(metric + ": " + e.getMessage());
            }
        }
    }

    String publish(RolloutEvent event) {
        return publish(bus, event);
    }

    /** Sends an intent's event; a failure is only noted, because the outbox sends it again. */
    static String publish(EventPublisher bus, RolloutEvent event) {
        try {
            bus.publish(event);
            return "";
        } catch (RuntimeException e) {
            return "; the event is not on the bus yet (" + e.getMessage() + "): the next tick sends it";
        }
    }

    /** Evidence counts from when the phase went live; before that, from its entry. */
    static Instant evidenceSince(Live live, Rollout r) {
        return live.live() ? live.since() : r.phaseEnteredAt();
    }

    /**
     * What a tick reads: the halt rules' metrics, the circuit breaker's signal (in every phase, gated there or
     * not) and {@code gates}' metrics, each once.
     */
    static Set<String> metricsOf(Plan plan, List<Gate> gates) {
        Set<String> out = new LinkedHashSet<>();
        plan.haltRules().stream().map(HaltRule::metric).forEach(out::add);
        if (plan.circuitBreakerMetric() != null) {
            out.add(plan.circuitBreakerMetric());
        }
        gates.stream().map(Gate::metric).forEach(out::add);
        return out;
    }

    /** The TRANSITION entry of a decision that moved the rollout: "RUNNING → RUNNING (phase-2)", "HALTED → ROLLING_BACK". */
    static HistoryEntry transition(Plan plan, Rollout from, Rollout to, Decision d, Instant now) {
        String phase = plan.phases().get(to.phaseIndex()).name();
        return new HistoryEntry(to.id(), now, to.version(), HistoryEntry.Kind.TRANSITION,
                from.state() + " → " + to.state() + (to.phaseIndex() != from.phaseIndex() ? " (" + phase + ")" : ""),
                phase, "ringmaster", List.of(d.summary()));
    }

    static HistoryEntry entry(String id, Instant now, long version, HistoryEntry.Kind kind, String what, Decision d) {
        List<String> reasons = new ArrayList<>();
        d.reasons().forEach(r -> reasons.add(r.toString()));
        d.alerts().forEach(a -> reasons.add("alert: " + a));
        // Every gate's and rule's verdict, so `status` can show the evidence without reading metrics itself.
        d.verdicts().forEach(v -> reasons.add(VERDICT + v));
        return new HistoryEntry(id, now, version, kind, what, d.phase(), "ringmaster", reasons);
    }

    static NotifyEvent notifyEvent(Decision d) {
        return !d.alerts().isEmpty() && Events.action(d.type()) == Action.NONE ? NotifyEvent.ALERT : Events.event(d.type());
    }

    static RolloutEvent event(Plan plan, Rollout next, Decision d, NotifyEvent notify) {
        List<String> reasons = new ArrayList<>();
        d.reasons().forEach(r -> reasons.add(r.toString()));
        d.alerts().stream().filter(a -> !d.reasons().contains(a)).forEach(a -> reasons.add("alert: " + a));
        return new RolloutEvent(next.id(), next.version(), d.type(), null, Events.action(d.type()), notify,
                plan.phases().get(next.phaseIndex()).name(), next.phaseIndex(), reasons, "ringmaster", d.at());
    }
}

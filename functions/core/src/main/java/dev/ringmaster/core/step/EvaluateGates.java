package dev.ringmaster.core.step;

import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.Intent;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.port.VersionConflict;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionEngine;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Reason;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutMachine;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tick (step function {@code evaluate-gates}): repair interrupted actions, read the metrics, decide,
 * write the decision with a conditional write, and put it on the bus when it changes something or someone
 * should hear about it. Two racing ticks decide alike and only one write wins.
 */
public final class EvaluateGates {
    /** Prefix of the verdict lines in a decision's history entry. */
    public static final String VERDICT = "verdict: ";
    /** How long an action may take before a tick assumes it was interrupted and applies it again. */
    public static final java.time.Duration REPAIR_AFTER = java.time.Duration.ofMinutes(1);
    private final Ports ports;
    private final PlanCache plans;
    private final DecisionEngine engine;
    private final Effects effects;

    public EvaluateGates(Ports ports, PlanCache plans) {
        this(ports, plans, true);
    }

    /** @param intervals false for Monte Carlo runs that only count outcomes (decisions are the same either way) */
    public EvaluateGates(Ports ports, PlanCache plans, boolean intervals) {
        this.ports = ports;
        this.plans = plans;
        this.engine = new DecisionEngine(intervals);
        this.effects = new Effects(ports);
    }

    /**
     * What one tick did: the decision (empty when the rollout is gone or not running), whether it was written
     * (false when another tick won), and the rollout as this tick left it (null when there is none).
     */
    public record Result(Optional<Decision> decision, boolean written, String note, Rollout rollout) {
    }

    public Result tick(String rolloutId) {
        Optional<StoredRollout> found = ports.store().find(rolloutId);
        if (found.isEmpty()) {
            return new Result(Optional.empty(), false, "no rollout " + rolloutId, null);
        }
        StoredRollout stored = found.get();
        Plan plan = plans.get(rolloutId, stored.planYaml());
        Instant started = ports.clock().instant();
        for (Intent open : ports.store().openIntents(rolloutId)) {
            // A fresh intent is most likely being carried out right now by the function its event went to;
            // only one left open past the grace period was interrupted (or its event lost).
            if (!open.at().plus(REPAIR_AFTER).isAfter(started)) {
                effects.repair(plan, stored, open);
            }
        }
        Rollout r = stored.rollout();
        if (r.state() != RolloutState.RUNNING) {
            if (r.state().terminal()) {
                ports.scheduler().unschedule(rolloutId);
            }
            return new Result(Optional.empty(), false, "rollout is " + r.state(), r);
        }
        Instant now = ports.clock().instant();
        Map<String, MetricSeries> observations = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (String metric : metricsOf(plan, plan.phases().get(r.phaseIndex()))) {
            MetricDef def = plan.metrics().get(metric);
            try {
                List<Sample> samples = ports.metrics().read(def, rolloutId, plan.version(), r.phaseEnteredAt(), now);
                observations.put(metric, new MetricSeries(metric, samples, false));
            } catch (MetricSource.Unavailable e) {
                unavailable.add(metric + ": " + e.getMessage());
            }
        }
        Decision decision = engine.decide(plan, r, observations, now);
        int errors = unavailable.isEmpty() ? 0 : r.sourceErrors() + 1;
        if (!unavailable.isEmpty() && errors >= plan.circuitBreakerErrors() && decision.type() == DecisionType.HOLD) {
            List<Reason> why = new ArrayList<>();
            why.add(Reason.of("circuitBreaker", errors + " consecutive ticks without metrics (circuitBreaker.consecutiveErrors "
                    + plan.circuitBreakerErrors() + "): pausing"));
            unavailable.forEach(u -> why.add(Reason.of("source", u)));
            decision = new Decision(DecisionType.PAUSE, decision.phase(), why, decision.verdicts(), decision.alerts(), now, null);
        } else if (!unavailable.isEmpty()) {
            List<Reason> why = new ArrayList<>(decision.reasons());
            unavailable.forEach(u -> why.add(Reason.of("source unavailable", u)));
            decision = new Decision(decision.type(), decision.phase(), why, decision.verdicts(), decision.alerts(), now,
                    decision.waitUntil());
        }
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
        try {
            ports.store().save(next, r.version(), entries);
        } catch (VersionConflict e) {
            return new Result(Optional.of(decision), false, "another tick wrote first: " + e.getMessage(),
                    ports.store().find(rolloutId).map(StoredRollout::rollout).orElse(r));
        }
        if (transition || !memory.equals(r.lastDecision())) {
            RolloutEvent event = event(plan, next, decision);
            Effects.expect(ports, event);
            ports.bus().publish(event);
        }
        if (next.state().terminal()) {
            ports.scheduler().unschedule(rolloutId);
        }
        return new Result(Optional.of(decision), true, decision.summary(), next);
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

    private static RolloutEvent event(Plan plan, Rollout next, Decision d) {
        List<String> reasons = new ArrayList<>();
        d.reasons().forEach(r -> reasons.add(r.toString()));
        d.alerts().forEach(a -> reasons.add("alert: " + a));
        String event = !d.alerts().isEmpty() && Events.action(d.type()) == dev.ringmaster.core.port.Action.NONE
                ? "alert" : Events.event(d.type());
        return new RolloutEvent(next.id(), next.version(), d.type().name(), Events.action(d.type()), event,
                plan.phases().get(next.phaseIndex()).name(), next.phaseIndex(), reasons, "ringmaster", d.at());
    }
}

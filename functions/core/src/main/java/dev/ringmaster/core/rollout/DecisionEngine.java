package dev.ringmaster.core.rollout;

import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.gate.Verdict;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltAction;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.OnGateFail;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.window.WindowCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One tick's decision: a pure function of (plan, rollout, observations since the phase began, now). Halt
 * rules first, then exit gates, then soak, evidence, approval and the deployment window, in that order,
 * so the most urgent reason decides.
 */
public final class DecisionEngine {
    private final GateEngine gates = new GateEngine();
    private final boolean intervals;

    public DecisionEngine() {
        this(true);
    }

    /** @param intervals whether evidence carries intervals and "samples needed" (see {@link Thresholds#intervals}) */
    public DecisionEngine(boolean intervals) {
        this.intervals = intervals;
    }

    public Decision decide(Plan plan, Rollout r, Map<String, MetricSeries> observations, Instant now) {
        return decide(plan, r, observations, now, Live.since(r.phaseEnteredAt()));
    }

    /** @param live whether the phase's audience is live on its target yet: soak counts from then, and only a live phase advances */
    public Decision decide(Plan plan, Rollout r, Map<String, MetricSeries> observations, Instant now, Live live) {
        Phase phase = plan.phases().get(r.phaseIndex());
        if (r.state() != RolloutState.RUNNING) {
            return decision(DecisionType.HOLD, phase, List.of(Reason.of("state", "rollout is " + r.state() + ": " + r.reason())),
                    List.of(), List.of(), now, null);
        }
        Instant liveSince = live.live() ? live.since() : r.phaseEnteredAt();
        Thresholds t = new Thresholds(AlphaBudget.perTest(plan), plan.falseAdvanceRate(), now, liveSince, intervals);
        List<Reason> verdicts = new ArrayList<>();
        List<Reason> rollback = new ArrayList<>();
        List<Reason> halt = new ArrayList<>();
        List<Reason> alerts = new ArrayList<>();
        for (HaltRule rule : plan.haltRules()) {
            Reason reason = judge("halt rule", rule.criterion().describe() + sustain(rule.sustain()),
                    gates.judge(rule.criterion(), plan.metrics().get(rule.metric()).kind(), series(observations, rule.metric()), t));
            verdicts.add(reason);
            if (reason.outcome() == Outcome.FAIL) {
                if (!rule.halts()) {
                    alerts.add(reason);
                } else if (rule.action() == HaltAction.ROLLBACK) {
                    rollback.add(reason);
                } else {
                    halt.add(reason);
                }
            }
        }
        List<Reason> failed = new ArrayList<>();
        List<Reason> lacking = new ArrayList<>();
        List<Reason> passed = new ArrayList<>();
        for (Gate gate : phase.gates()) {
            Reason reason = judge("gate", gate.criterion().describe(),
                    gates.judge(gate.criterion(), plan.metrics().get(gate.metric()).kind(), series(observations, gate.metric()), t));
            verdicts.add(reason);
            switch (reason.outcome()) {
                case FAIL -> failed.add(reason);
                case INCONCLUSIVE -> {
                    if (gate.advanceInconclusive()) {
                        passed.add(new Reason(reason.rule(), Outcome.INCONCLUSIVE,
                                "inconclusive, and this gate advances anyway (onInconclusive: advance): " + reason.message(), reason.evidence()));
                    } else {
                        lacking.add(reason);
                    }
                }
                case PASS -> passed.add(reason);
            }
        }
        if (!rollback.isEmpty()) {
            return decision(DecisionType.ROLLBACK, phase, rollback, verdicts, alerts, now, null);
        }
        if (!halt.isEmpty()) {
            return decision(DecisionType.HALT, phase, halt, verdicts, alerts, now, null);
        }
        if (!failed.isEmpty()) {
            List<Reason> why = new ArrayList<>(failed);
            why.add(Reason.of("onGateFail", "a failed gate applies onGateFail: " + plan.onGateFail().name().toLowerCase(java.util.Locale.ROOT)));
            return decision(plan.onGateFail() == OnGateFail.ROLLBACK ? DecisionType.ROLLBACK : DecisionType.HALT, phase, why,
                    verdicts, alerts, now, null);
        }
        if (live.refused()) {
            return decision(DecisionType.PAUSE, phase, List.of(Reason.of("target", "phase '" + phase.name()
                    + "' could not go live: " + live.reason() + ": pausing so a person decides")), verdicts, alerts, now, null);
        }
        if (!live.live()) {
            List<Reason> why = new ArrayList<>();
            why.add(Reason.of("target", "waiting for phase '" + phase.name() + "' to go live: " + live.reason()));
            why.addAll(lacking);
            return decision(DecisionType.HOLD, phase, why, verdicts, alerts, now, null);
        }
        Duration soak = r.hotfix() && plan.hotfixSoak().compareTo(phase.soak()) < 0 ? plan.hotfixSoak() : phase.soak();
        Duration elapsed = Duration.between(liveSince, now);
        if (elapsed.compareTo(soak) < 0) {
            Instant soakEnds = liveSince.plus(soak);
            List<Reason> why = new ArrayList<>();
            why.add(Reason.of("soak", "soaking: " + Durations.format(soak.minus(elapsed).withNanos(0)) + " of "
                    + Durations.format(soak) + " left"));
            why.addAll(lacking);
            return decision(DecisionType.HOLD, phase, why, verdicts, alerts, now, soakEnds);
        }
        if (!lacking.isEmpty()) {
            if (phase.maxSoak() != null && elapsed.compareTo(phase.maxSoak()) >= 0) {
                List<Reason> why = new ArrayList<>();
                why.add(Reason.of("maxSoak", "still inconclusive after maxSoak " + Durations.format(phase.maxSoak())
                        + ": pausing so a person decides"));
                why.addAll(lacking);
                return decision(DecisionType.PAUSE, phase, why, verdicts, alerts, now, null);
            }
            return decision(DecisionType.HOLD, phase, lacking, verdicts, alerts, now, null);
        }
        int next = r.phaseIndex() + 1;
        if (next >= plan.phases().size()) {
            List<Reason> why = new ArrayList<>(passed);
            why.add(0, Reason.of("complete", "every gate of the last phase passed after soak " + Durations.format(soak)));
            return decision(DecisionType.COMPLETE, phase, why, verdicts, alerts, now, null);
        }
        Phase nextPhase = plan.phases().get(next);
        if (nextPhase.approval().required() && r.approvedPhase() != next) {
            return decision(DecisionType.WAIT_APPROVAL, phase, List.of(Reason.of("approval", "gates passed; phase '"
                    + nextPhase.name() + "' needs approval before it is entered")), verdicts, alerts, now, null);
        }
        WindowCheck window = plan.windows().check(now, plan.hotfix());
        if (!window.allowed()) {
            return decision(DecisionType.WAIT_WINDOW, phase, List.of(Reason.of("window", window.reason())), verdicts, alerts, now,
                    window.nextAllowed());
        }
        List<Reason> why = new ArrayList<>(passed);
        why.add(0, Reason.of("advance", "every gate passed after soak " + Durations.format(soak) + ": entering '" + nextPhase.name()
                + "' (" + nextPhase.audience() + ")"));
        return decision(DecisionType.ADVANCE, phase, why, verdicts, alerts, now, null);
    }

    private static Reason judge(String kind, String rule, Verdict v) {
        return new Reason(kind + " " + rule, v.outcome(), v.evidence().reason(), v.evidence());
    }

    private static String sustain(Duration d) {
        return d == null || d.isZero() ? "" : " for " + Durations.format(d);
    }

    private static MetricSeries series(Map<String, MetricSeries> observations, String metric) {
        MetricSeries s = observations.get(metric);
        return s != null ? s : MetricSeries.empty(metric);
    }

    private static Decision decision(DecisionType type, Phase phase, List<Reason> reasons, List<Reason> verdicts,
                                     List<Reason> alerts, Instant now, Instant waitUntil) {
        return new Decision(type, phase.name(), reasons, verdicts, alerts, now, waitUntil);
    }
}

package dev.ringmaster.core.rollout;

import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.GateTracker;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.gate.Verdict;
import dev.ringmaster.core.plan.AppReviewGate;
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
        return decide(plan, r, observations, now, live, null);
    }

    /**
     * @param ledger the trackers of the phase's evidence, already folded up to now ({@link GateLedger}): a criterion
     *               it keeps is judged from its sums, the rest on {@code observations}; null judges all on observations
     */
    public Decision decide(Plan plan, Rollout r, Map<String, MetricSeries> observations, Instant now, Live live,
                           GateLedger ledger) {
        Phase phase = plan.phases().get(r.phaseIndex());
        if (r.state() != RolloutState.RUNNING) {
            return decision(DecisionType.HOLD, phase, List.of(Reason.of("state", "rollout is " + r.state() + ": " + r.reason())),
                    List.of(), List.of(), now, null);
        }
        Instant liveSince = live.live() ? live.since() : r.phaseEnteredAt();
        Thresholds t = thresholds(plan, phase, now, liveSince);
        Rules rules = haltRules(plan, observations, t, ledger);
        List<Reason> verdicts = new ArrayList<>(rules.verdicts);
        List<Reason> failed = new ArrayList<>();
        List<Reason> lacking = new ArrayList<>();
        List<Reason> passed = new ArrayList<>();
        Reason review = null;
        for (int i = 0; i < phase.gates().size(); i++) {
            Gate gate = phase.gates().get(i);
            GateTracker tracker = ledger == null ? null : ledger.gate(i);
            Reason reason = judge("gate", gate.criterion().describe(), tracker != null ? tracker.verdict(gate.criterion(), t)
                    : gates.judge(gate.criterion(), plan.metrics().get(gate.metric()).kind(), series(observations, gate.metric()), t));
            verdicts.add(reason);
            // Waiting for Apple is WAIT_REVIEW, not a lack of evidence.
            boolean isReview = gate.metric().equals(AppReviewGate.METRIC);
            switch (reason.outcome()) {
                case FAIL -> failed.add(isReview ? new Reason(reason.rule(), Outcome.FAIL, "App Review rejected the version", reason.evidence())
                        : reason);
                case INCONCLUSIVE -> {
                    if (isReview) {
                        review = reason;
                    } else if (gate.advanceInconclusive()) {
                        passed.add(new Reason(reason.rule(), Outcome.INCONCLUSIVE,
                                "inconclusive, and this gate advances anyway (onInconclusive: advance): " + reason.message(), reason.evidence()));
                    } else {
                        lacking.add(reason);
                    }
                }
                case PASS -> passed.add(reason);
            }
        }
        // Seed 000 hotfix: "monitor for 1 hour, promote or rollback" — a hotfix that fails is rolled back, not paused.
        if (!rules.rollback.isEmpty() || r.hotfix() && (!rules.halt.isEmpty() || !failed.isEmpty())) {
            List<Reason> why = new ArrayList<>(rules.rollback);
            if (r.hotfix()) {
                why.addAll(rules.halt);
                why.addAll(failed);
                why.add(Reason.of("hotfix", "a hotfix that fails its watch is rolled back (seed 000: promote or rollback)"));
            }
            return decision(DecisionType.ROLLBACK, phase, why, verdicts, rules.alerts, now, null);
        }
        if (!rules.halt.isEmpty()) {
            return decision(DecisionType.HALT, phase, rules.halt, verdicts, rules.alerts, now, null);
        }
        if (!failed.isEmpty()) {
            List<Reason> why = new ArrayList<>(failed);
            why.add(Reason.of("onGateFail", "a failed gate applies onGateFail: " + plan.onGateFail().name().toLowerCase(java.util.Locale.ROOT)));
            return decision(plan.onGateFail() == OnGateFail.ROLLBACK ? DecisionType.ROLLBACK : DecisionType.HALT, phase, why,
                    verdicts, rules.alerts, now, null);
        }
        if (live.refused()) {
            return decision(DecisionType.PAUSE, phase, List.of(Reason.of("target", "phase '" + phase.name()
                    + "' could not go live: " + live.reason() + ": pausing so a person decides")), verdicts, rules.alerts, now, null);
        }
        if (!live.live()) {
            List<Reason> why = new ArrayList<>();
            why.add(Reason.of("target", "waiting for phase '" + phase.name() + "' to go live: " + live.reason()));
            why.addAll(lacking);
            return decision(DecisionType.HOLD, phase, why, verdicts, rules.alerts, now, null);
        }
        Duration soak = r.hotfix() ? plan.hotfixSoak() : phase.soak();
        Duration elapsed = Duration.between(liveSince, now);
        if (elapsed.compareTo(soak) < 0) {
            Instant soakEnds = liveSince.plus(soak);
            List<Reason> why = new ArrayList<>();
            why.add(Reason.of("soak", "soaking: " + Durations.format(soak.minus(elapsed).withNanos(0)) + " of "
                    + Durations.format(soak) + " left" + (r.hotfix() ? " (hotfixSoak: the hotfix is watched before it is promoted)" : "")));
            why.addAll(lacking);
            return decision(DecisionType.HOLD, phase, why, verdicts, rules.alerts, now, soakEnds);
        }
        if (!lacking.isEmpty()) {
            if (phase.maxSoak() != null && elapsed.compareTo(phase.maxSoak()) >= 0) {
                List<Reason> why = new ArrayList<>();
                why.add(Reason.of("maxSoak", "still inconclusive after maxSoak " + Durations.format(phase.maxSoak())
                        + ": pausing so a person decides"));
                why.addAll(lacking);
                return decision(DecisionType.PAUSE, phase, why, verdicts, rules.alerts, now, null);
            }
            return decision(DecisionType.HOLD, phase, lacking, verdicts, rules.alerts, now, null);
        }
        if (review != null) {
            // Seed 002: the phase waits, visibly, for Apple; it is never completed (nor the next entered) before.
            return decision(DecisionType.WAIT_REVIEW, phase, List.of(Reason.of("appReview", "waiting for App Review: submitted, "
                    + "not yet approved or rejected")), verdicts, rules.alerts, now, null);
        }
        int next = r.phaseIndex() + 1;
        if (next >= plan.phases().size()) {
            List<Reason> why = new ArrayList<>(passed);
            why.add(0, Reason.of("complete", "every gate of the last phase passed after soak " + Durations.format(soak)));
            return decision(DecisionType.COMPLETE, phase, why, verdicts, rules.alerts, now, null);
        }
        Phase nextPhase = plan.phases().get(next);
        if (nextPhase.approval().required() && r.approvedPhase() != next) {
            String have = r.approvers().isEmpty() ? "" : " (" + r.approvers().size() + " of " + nextPhase.approval().count() + ": "
                    + String.join(", ", r.approvers()) + ")";
            return decision(DecisionType.WAIT_APPROVAL, phase, List.of(Reason.of("approval", "gates passed; phase '"
                    + nextPhase.name() + "' needs approval before it is entered" + have)), verdicts, rules.alerts, now, null);
        }
        WindowCheck window = plan.windows().check(now, plan.hotfix());
        if (!window.allowed()) {
            return decision(DecisionType.WAIT_WINDOW, phase, List.of(Reason.of("window", window.reason())), verdicts, rules.alerts, now,
                    window.nextAllowed());
        }
        List<Reason> why = new ArrayList<>(passed);
        why.add(0, Reason.of("advance", "every gate passed after soak " + Durations.format(soak) + ": entering '" + nextPhase.name()
                + "' (" + nextPhase.audience() + ")"));
        return decision(DecisionType.ADVANCE, phase, why, verdicts, rules.alerts, now, null);
    }

    /**
     * A rollout that stopped but whose build is still live (halted, paused, completed, rolled back) keeps being
     * watched by its halt rules: a critical rule whose action is rollback rolls a halted, paused or completed one
     * back; any other critical failure is an alert a person must see (warnings and info only show in the
     * verdicts). Gates are not judged: nothing advances.
     *
     * @param since the start of the evidence: when the phase went live, or when the rollout stopped
     */
    public Decision watch(Plan plan, Rollout r, Map<String, MetricSeries> observations, Instant now, Instant since) {
        Phase phase = plan.phases().get(r.phaseIndex());
        Thresholds t = thresholds(plan, phase, now, since);
        Rules rules = haltRules(plan, observations, t, null);
        boolean mayRollBack = r.state() == RolloutState.HALTED || r.state() == RolloutState.PAUSED || r.state() == RolloutState.COMPLETED;
        if (!rules.rollback.isEmpty() && mayRollBack) {
            return decision(DecisionType.ROLLBACK, phase, rules.rollback, rules.verdicts, rules.alerts, now, null);
        }
        // Only critical failures reach on-call once the rollout stopped; warnings and info stay in the verdicts.
        List<Reason> alerts = new ArrayList<>();
        rules.rollback.forEach(a -> alerts.add(critical(a, r)));
        rules.halt.forEach(a -> alerts.add(critical(a, r)));
        return decision(DecisionType.HOLD, phase, List.of(Reason.of("watch", "watching a " + r.state() + " rollout: halt rules only")),
                rules.verdicts, alerts, now, null);
    }

    /** The budget and clock every criterion of {@code phase} is judged with, its evidence counted from {@code since}. */
    public Thresholds thresholds(Plan plan, Phase phase, Instant now, Instant since) {
        return new Thresholds(AlphaBudget.perTest(plan), plan.falseAdvanceRate(), now, since, intervals, horizon(phase));
    }

    /**
     * How long the phase is expected to last, over which windowed rules and the change detector spend their
     * budget evenly: its maxSoak, else its soak, at least an hour (past it the budget still lasts, at a rising price).
     */
    public static Duration horizon(Phase phase) {
        Duration h = phase.maxSoak() != null ? phase.maxSoak() : phase.soak();
        return h == null || h.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : h;
    }

    private static Reason critical(Reason failed, Rollout r) {
        return new Reason(failed.rule(), failed.outcome(), "critical while " + r.state() + ": " + failed.message(), failed.evidence());
    }

    /** Every halt rule's verdict, sorted by what it asks: rollback, halt, or only an alert (info, warning, action alert). */
    private record Rules(List<Reason> verdicts, List<Reason> rollback, List<Reason> halt, List<Reason> alerts) {
    }

    private Rules haltRules(Plan plan, Map<String, MetricSeries> observations, Thresholds t, GateLedger ledger) {
        Rules out = new Rules(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < plan.haltRules().size(); i++) {
            HaltRule rule = plan.haltRules().get(i);
            GateTracker tracker = ledger == null ? null : ledger.haltRule(i);
            Reason reason = judge("halt rule", rule.label(), tracker != null ? tracker.verdict(rule.criterion(), t)
                    : gates.judge(rule.criterion(), plan.metrics().get(rule.metric()).kind(), series(observations, rule.metric()), t));
            out.verdicts.add(reason);
            if (reason.outcome() == Outcome.FAIL) {
                if (!rule.halts()) {
                    out.alerts.add(reason);
                } else if (rule.action() == HaltAction.ROLLBACK) {
                    out.rollback.add(reason);
                } else {
                    out.halt.add(reason);
                }
            }
        }
        return out;
    }

    private static Reason judge(String kind, String rule, Verdict v) {
        return new Reason(kind + " " + rule, v.outcome(), v.evidence().reason(), v.evidence());
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

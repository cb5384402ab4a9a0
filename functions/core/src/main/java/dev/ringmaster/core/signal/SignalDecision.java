package dev.ringmaster.core.signal;

import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.plan.HaltAction;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.OnGateFail;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Reason;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a webhook's signal decides at once, without waiting for the next tick: a pure function of (plan, rollout,
 * signal, now). Empty when it only counts (recorded, and read by the plan's {@code source: webhook} metrics).
 * <ul>
 * <li>trouble by itself ({@link Signal.Stop}): a running rollout HALTs (build rejected, Crashlytics regression) or
 * PAUSEs (the phased release was paused in App Store Connect);</li>
 * <li>a firing critical alert on a halt rule's metric: that rule's action (the strongest when several rules watch
 * the metric); on a metric only the current phase's gates read: the plan's {@code onGateFail};</li>
 * <li>a firing warning or info alert on such a metric: an alert message, no state change.</li>
 * </ul>
 */
public final class SignalDecision {
    private SignalDecision() {
    }

    public static Optional<Decision> decide(Plan plan, Rollout r, Signal s, Instant now) {
        if (r.state() == RolloutState.PENDING || r.phaseIndex() >= plan.phases().size()) {
            return Optional.empty();
        }
        Phase phase = plan.phases().get(r.phaseIndex());
        String rule = "webhook " + s.from().key;
        if (s.stop() != null) {
            if (r.state() != RolloutState.RUNNING) {
                return Optional.empty();
            }
            DecisionType type = s.stop() == Signal.Stop.PAUSED_IN_STORE ? DecisionType.PAUSE : DecisionType.HALT;
            return Optional.of(decision(type, phase, new Reason(rule, Outcome.FAIL, s.summary(), null), now));
        }
        if (s.metric() == null || !s.firing()) {
            return Optional.empty();
        }
        List<HaltRule> rules = plan.haltRules().stream().filter(h -> h.metric().equals(s.metric())).toList();
        boolean gated = phase.gates().stream().anyMatch(g -> g.metric().equals(s.metric()));
        if (rules.isEmpty() && !gated) {
            return Optional.empty();
        }
        if (s.severity() != Severity.CRITICAL) {
            if (r.state() != RolloutState.RUNNING) {
                return Optional.empty();
            }
            Reason alert = new Reason(rule + " alert on " + s.metric(), null, s.summary() + " (" + s.severity().key() + ": notify only)", null);
            return Optional.of(new Decision(DecisionType.HOLD, phase.name(), List.of(alert), List.of(), List.of(alert), now, null));
        }
        if (!rules.isEmpty()) {
            HaltRule strongest = rules.stream().max(Comparator.comparingInt(SignalDecision::strength)).orElseThrow();
            Reason why = new Reason("halt rule " + strongest.label(), Outcome.FAIL, "critical alert from " + s.from().key + ": " + s.summary(), null);
            return switch (strongest.action()) {
                case ROLLBACK -> Optional.of(decision(DecisionType.ROLLBACK, phase, why, now));
                case PAUSE -> Optional.of(decision(DecisionType.HALT, phase, why, now));
                case ALERT -> r.state() == RolloutState.RUNNING
                        ? Optional.of(new Decision(DecisionType.HOLD, phase.name(), List.of(why), List.of(), List.of(why), now, null))
                        : Optional.empty();
            };
        }
        Reason why = new Reason("gate " + s.metric(), Outcome.FAIL, "critical alert from " + s.from().key + ": " + s.summary(), null);
        return Optional.of(decision(plan.onGateFail() == OnGateFail.ROLLBACK ? DecisionType.ROLLBACK : DecisionType.HALT, phase, why, now));
    }

    private static int strength(HaltRule h) {
        return h.action() == HaltAction.ROLLBACK ? 2 : h.action() == HaltAction.PAUSE ? 1 : 0;
    }

    private static Decision decision(DecisionType type, Phase phase, Reason why, Instant now) {
        return new Decision(type, phase.name(), List.of(why), List.of(why), List.of(), now, null);
    }
}

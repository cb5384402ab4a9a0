package dev.ringmaster.core.step;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.Effect;
import dev.ringmaster.core.rollout.Decision;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 004: "Circuit breaker: auto-disable on 3 consecutive errors" ({@code circuitBreaker.consecutiveErrors}).
 * Three streaks count, each apart from "no data": the application signal the plan names
 * ({@code circuitBreaker.metric}: its last samples each report error events, or a failing check), ringmaster's
 * own calls to carry out the current action (failed attempts in a row), and the metric sources (ticks in a row on
 * which one could not be read at all). When one reaches the limit the canary is disabled, not merely paused:
 * the kill switch for a flag canary, a halt for a store. The decision says which errors tripped it.
 */
final class CircuitBreaker {
    private CircuitBreaker() {
    }

    /**
     * The decision after the breaker looked: {@code decided} unchanged unless a streak reached the limit; then
     * the canary is disabled, whatever the tick decided short of a rollback: a hold, an advance or a pause of a
     * flag canary becomes a kill (with the pause's own reasons kept), of any other target a halt.
     *
     * @param sourceErrors consecutive ticks, this one included, on which a metric source could not be read
     */
    static Decision apply(Plan plan, Phase phase, Effect effect, Map<String, MetricSeries> observations, List<String> unavailable,
                          int sourceErrors, Decision decided, Instant now) {
        if (decided.type() == DecisionType.ROLLBACK || decided.type() == DecisionType.KILL) {
            return withSources(decided, unavailable, List.of(), now);
        }
        int limit = plan.circuitBreakerErrors();
        List<Reason> why = new ArrayList<>();
        List<String> signal = signalErrors(plan, observations, limit);
        if (signal.size() >= limit) {
            why.add(Reason.of("circuitBreaker", limit + " consecutive errors of " + plan.circuitBreakerMetric() + " ("
                    + String.join(", ", signal) + ")"));
        }
        if (effect.status() == Effect.Status.FAILED && effect.attempts() >= limit) {
            why.add(Reason.of("circuitBreaker", effect.attempts() + " consecutive failed calls to carry out " + effect.action().call()
                    + "; last: " + effect.error()));
        }
        if (sourceErrors >= limit) {
            why.add(Reason.of("circuitBreaker", sourceErrors + " consecutive ticks on which metric sources could not be read"));
            unavailable.forEach(u -> why.add(Reason.of("source", u)));
        }
        if (why.isEmpty()) {
            return withSources(decided, unavailable, List.of(), now);
        }
        boolean flagCanary = plan.targetOf(phase).type() == TargetType.FEATURE_FLAG && plan.killSwitch() != null;
        why.add(Reason.of("circuitBreaker", "circuitBreaker.consecutiveErrors " + limit + " reached: "
                + (flagCanary ? "disabling the canary with the kill switch (" + plan.killSwitch().flag() + " off)" : "halting the rollout")));
        if (decided.type() == DecisionType.HALT || decided.type() == DecisionType.PAUSE) {
            why.addAll(decided.reasons());
        }
        return new Decision(flagCanary ? DecisionType.KILL : DecisionType.HALT, decided.phase(), why, decided.verdicts(), decided.alerts(),
                now, null);
    }

    /** The signal's last samples, newest last, while each reports an error: up to {@code limit} of them, described. */
    private static List<String> signalErrors(Plan plan, Map<String, MetricSeries> observations, int limit) {
        List<String> out = new ArrayList<>();
        MetricSeries series = plan.circuitBreakerMetric() == null ? null : observations.get(plan.circuitBreakerMetric());
        if (series == null) {
            return out;
        }
        List<Sample> samples = series.samples().stream().filter(s -> s.canary() != null).toList();
        for (int i = samples.size() - 1; i >= 0 && out.size() < limit; i--) {
            Measure m = samples.get(i).canary();
            if (m instanceof Measure.Events e && e.events() > 0) {
                out.add(0, dev.ringmaster.core.plan.Numbers.plain(e.events()) + " events");
            } else if (m instanceof Measure.Check c && !c.pass()) {
                out.add(0, "check failed");
            } else {
                break;
            }
        }
        return out;
    }

    /** The decision with why sources gave no data: unreachable ones, and ones whose newest data is too old. */
    static Decision withSources(Decision decision, List<String> unavailable, List<String> stale, Instant now) {
        if (unavailable.isEmpty() && stale.isEmpty()) {
            return decision;
        }
        List<Reason> why = new ArrayList<>(decision.reasons());
        unavailable.forEach(u -> why.add(Reason.of("source unavailable", u)));
        stale.forEach(u -> why.add(Reason.of("source stale", u)));
        return new Decision(decision.type(), decision.phase(), why, decision.verdicts(), decision.alerts(), now, decision.waitUntil());
    }
}

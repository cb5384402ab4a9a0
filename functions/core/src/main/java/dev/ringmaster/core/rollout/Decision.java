package dev.ringmaster.core.rollout;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tick's decision with every reason behind it.
 *
 * @param phase     the phase the rollout is in when deciding
 * @param reasons   why this decision, first the one that decided
 * @param verdicts  every gate and halt rule verdict of this tick (for status and history)
 * @param alerts    info/warning halt rules that fired: notified, never acted on
 * @param waitUntil for WAIT_WINDOW: the next allowed instant; for HOLD in soak: when soak ends; else null
 */
public record Decision(DecisionType type, String phase, List<Reason> reasons, List<Reason> verdicts, List<Reason> alerts,
                       Instant at, Instant waitUntil) {

    public Decision {
        reasons = List.copyOf(reasons);
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
    }

    /** One line: "HALT in phase-1: halt rule crash_rate ≤ 0.02 for 15m FAIL: …". */
    public String summary() {
        return type + " in " + phase + ": " + reasons.stream().map(Reason::toString).collect(Collectors.joining("; "));
    }
}

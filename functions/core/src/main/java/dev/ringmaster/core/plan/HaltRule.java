package dev.ringmaster.core.plan;

import dev.ringmaster.core.gate.Criterion;
import java.time.Duration;

/** Checked on every tick in every phase; a critical rule that FAILs for {@code sustain} applies its action. */
public record HaltRule(String metric, Bound bound, Duration sustain, Duration window, Severity severity,
                       HaltAction action) {

    /** Only critical rules whose action stops the rollout can halt a healthy build by mistake. */
    public boolean halts() {
        return severity == Severity.CRITICAL && action != HaltAction.ALERT;
    }

    /** How decisions name the rule: "crash_rate ≤ 0.02 for 15m". */
    public String label() {
        return criterion().describe() + (sustain == null || sustain.isZero() ? "" : " for " + Durations.format(sustain));
    }

    public Criterion criterion() {
        return new Criterion(metric, bound, window, null, sustain);
    }
}

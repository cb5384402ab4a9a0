package dev.ringmaster.core.gate;

import dev.ringmaster.core.plan.Bound;
import java.time.Duration;

/**
 * What the gate engine judges: a gate (phase exit criterion) or a halt rule, reduced to the parts the
 * statistics need.
 *
 * @param metric  metric name
 * @param bound   the bound
 * @param window  trailing window of data to judge; null = since the phase was entered
 * @param margin  relative slack a PASS must rule out (GATES.md "margin"); null = the documented default
 * @param sustain halt rules' {@code for}: FAIL only when FAIL held on every tick over this long; null/zero = at once
 */
public record Criterion(String metric, Bound bound, Duration window, Double margin, Duration sustain) {

    public String describe() {
        return metric + " " + bound.describe();
    }
}

package dev.ringmaster.core.plan;

import dev.ringmaster.core.gate.Criterion;
import java.time.Duration;

/**
 * A phase exit criterion: all gates must PASS after soak for the phase to advance.
 *
 * @param window             trailing window (null: since the phase was entered)
 * @param margin             relative slack a PASS must rule out (null: documented default)
 * @param advanceInconclusive {@code onInconclusive: advance}: tiny rings may advance without evidence, and say so
 */
public record Gate(String metric, Bound bound, Duration window, Double margin, boolean advanceInconclusive) {

    public Criterion criterion() {
        return new Criterion(metric, bound, window, margin, null);
    }
}

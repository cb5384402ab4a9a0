package dev.ringmaster.bench;

import dev.ringmaster.core.gate.Sample;
import java.time.Instant;
import java.util.Map;

/**
 * One policy deciding one phase of one simulated rollout, fed tick by tick. The harness advances the
 * phase once its soak has passed and the judge's last answer was PASS, and halts the rollout at the
 * first FAIL; HOLD keeps the phase going (up to its maxSoak, after which the rollout pauses).
 */
public interface PhaseJudge {

    enum Call {
        PASS, HOLD, FAIL
    }

    /**
     * @param tick this tick's samples by metric name; a metric absent from the map had no data this tick
     */
    Call onTick(Instant at, Map<String, Sample> tick);
}

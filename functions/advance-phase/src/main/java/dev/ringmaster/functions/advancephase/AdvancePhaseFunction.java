package dev.ringmaster.functions.advancephase;

import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.step.AdvancePhase;
import dev.ringmaster.functions.runtime.ActionResult;
import dev.ringmaster.functions.runtime.EventBridgeEvent;
import dev.ringmaster.functions.runtime.Invocation;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Step function advance-phase: ENTER_PHASE, RESUME and COMPLETE events make the phase's audience live on its target. */
public class AdvancePhaseFunction {

    @Inject
    AdvancePhase advancePhase;

    @Inject
    Invocation invocation;

    @Funq("advance-phase")
    public ActionResult advancePhase(EventBridgeEvent envelope) {
        RolloutEvent e = envelope.rolloutEvent();
        return advancePhase.handle(e, invocation.deadline())
                .map(outcome -> new ActionResult(e.rolloutId(), e.version(), e.action().name(), true, outcome))
                .orElseGet(() -> new ActionResult(e.rolloutId(), e.version(), e.action().name(), false,
                        "nothing to do: not an ENTER_PHASE, RESUME or COMPLETE event, or already settled"));
    }
}

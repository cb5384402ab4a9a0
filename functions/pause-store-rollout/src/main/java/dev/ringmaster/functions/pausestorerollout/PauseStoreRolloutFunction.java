package dev.ringmaster.functions.pausestorerollout;

import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.functions.runtime.ActionResult;
import dev.ringmaster.functions.runtime.EventBridgeEvent;
import dev.ringmaster.functions.runtime.Invocation;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/** Step function pause-store-rollout: HALT stops new users on the target, ROLLBACK and KILL take the version away. */
public class PauseStoreRolloutFunction {

    @Inject
    PauseStoreRollout pauseStoreRollout;

    @Inject
    Invocation invocation;

    @Funq("pause-store-rollout")
    public ActionResult pauseStoreRollout(EventBridgeEvent envelope) {
        RolloutEvent e = envelope.rolloutEvent();
        return pauseStoreRollout.handle(e, invocation.deadline())
                .map(outcome -> new ActionResult(e.rolloutId(), e.version(), e.action().name(), true, outcome))
                .orElseGet(() -> new ActionResult(e.rolloutId(), e.version(), e.action().name(), false,
                        "nothing to do: not a HALT, ROLLBACK or KILL event, or already settled"));
    }
}

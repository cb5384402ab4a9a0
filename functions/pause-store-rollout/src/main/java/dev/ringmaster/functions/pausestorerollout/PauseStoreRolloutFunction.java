package dev.ringmaster.functions.pausestorerollout;

import dev.ringmaster.adapters.aws.EmbeddedMetric;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.step.PauseStoreRollout;
import dev.ringmaster.functions.runtime.ActionResult;
import dev.ringmaster.functions.runtime.EventBridgeEvent;
import dev.ringmaster.functions.runtime.Invocation;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/** Step function pause-store-rollout: HALT stops new users on the target, ROLLBACK and KILL take the version away. */
public class PauseStoreRolloutFunction {

    @Inject
    PauseStoreRollout pauseStoreRollout;

    @Inject
    Invocation invocation;

    @Inject
    Clock clock;

    @Funq("pause-store-rollout")
    public ActionResult pauseStoreRollout(EventBridgeEvent envelope) {
        RolloutEvent e = envelope.rolloutEvent();
        Optional<String> outcome;
        try {
            outcome = pauseStoreRollout.handle(e, invocation.deadline());
        } catch (RuntimeException failed) {
            protectiveActionFailed(e);
            throw failed;
        }
        if (outcome.filter(o -> o.startsWith("refused: ")).isPresent()) {
            protectiveActionFailed(e);
        }
        return outcome.map(o -> new ActionResult(e.rolloutId(), e.version(), e.action().name(), true, o))
                .orElseGet(() -> new ActionResult(e.rolloutId(), e.version(), e.action().name(), false,
                        "nothing to do: not a HALT, ROLLBACK or KILL event, or already settled"));
    }

    /** The on-call alarm "a failed protective action" counts these lines (CloudWatch reads the metric from this log line). */
    private void protectiveActionFailed(RolloutEvent e) {
        if (e.action().protective()) {
            System.out.println(EmbeddedMetric.protectiveActionFailed(e.rolloutId(), e.action().name(), clock.instant()));
        }
    }
}

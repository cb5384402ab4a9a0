package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.rollout.DecisionType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each decision's side effect and notify event: a pause halts the target, a hold only tells people. */
class EventsTest {

    @Test
    void everyDecisionHasItsActionAndItsEvent() {
        Map<DecisionType, Action> actions = Map.of(DecisionType.ADVANCE, Action.ENTER_PHASE, DecisionType.COMPLETE, Action.COMPLETE,
                DecisionType.HALT, Action.HALT, DecisionType.PAUSE, Action.HALT, DecisionType.ROLLBACK, Action.ROLLBACK,
                DecisionType.KILL, Action.KILL, DecisionType.HOLD, Action.NONE, DecisionType.WAIT_WINDOW, Action.NONE,
                DecisionType.WAIT_APPROVAL, Action.NONE, DecisionType.WAIT_REVIEW, Action.NONE);
        Map<DecisionType, NotifyEvent> events = Map.of(DecisionType.ADVANCE, NotifyEvent.ADVANCED, DecisionType.COMPLETE,
                NotifyEvent.COMPLETED, DecisionType.HALT, NotifyEvent.HALTED, DecisionType.PAUSE, NotifyEvent.PAUSED, DecisionType.ROLLBACK,
                NotifyEvent.ROLLED_BACK, DecisionType.KILL, NotifyEvent.KILLED, DecisionType.HOLD, NotifyEvent.HELD,
                DecisionType.WAIT_WINDOW, NotifyEvent.HELD, DecisionType.WAIT_APPROVAL, NotifyEvent.APPROVAL_NEEDED,
                DecisionType.WAIT_REVIEW, NotifyEvent.HELD);
        for (DecisionType d : DecisionType.values()) {
            assertEquals(actions.get(d), Events.action(d), d.name());
            assertEquals(events.get(d), Events.event(d), d.name());
        }
    }
}

package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.rollout.DecisionType;

/** Which side effect and which notify event a decision means. */
final class Events {
    private Events() {
    }

    static Action action(DecisionType d) {
        return switch (d) {
            case ADVANCE -> Action.ENTER_PHASE;
            case COMPLETE -> Action.COMPLETE;
            case HALT, PAUSE -> Action.HALT;
            case ROLLBACK -> Action.ROLLBACK;
            case KILL -> Action.KILL;
            case HOLD, WAIT_WINDOW, WAIT_APPROVAL, WAIT_REVIEW -> Action.NONE;
        };
    }

    static NotifyEvent event(DecisionType d) {
        return switch (d) {
            case ADVANCE -> NotifyEvent.ADVANCED;
            case COMPLETE -> NotifyEvent.COMPLETED;
            case HALT -> NotifyEvent.HALTED;
            case PAUSE -> NotifyEvent.PAUSED;
            case ROLLBACK -> NotifyEvent.ROLLED_BACK;
            case KILL -> NotifyEvent.KILLED;
            case WAIT_APPROVAL -> NotifyEvent.APPROVAL_NEEDED;
            case HOLD, WAIT_WINDOW, WAIT_REVIEW -> NotifyEvent.HELD;
        };
    }
}

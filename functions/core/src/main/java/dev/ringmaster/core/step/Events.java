package dev.ringmaster.core.step;

import dev.ringmaster.core.port.Action;
import dev.ringmaster.core.rollout.DecisionType;

/** Which side effect and which notify event a decision or command means. */
final class Events {
    private Events() {
    }

    static Action action(DecisionType d) {
        return switch (d) {
            case ADVANCE -> Action.ENTER_PHASE;
            case COMPLETE -> Action.COMPLETE;
            case HALT, PAUSE -> Action.HALT;
            case ROLLBACK -> Action.ROLLBACK;
            case HOLD, WAIT_WINDOW, WAIT_APPROVAL -> Action.NONE;
        };
    }

    /** The plan's notify event names (NotifyRule.EVENTS). */
    static String event(DecisionType d) {
        return switch (d) {
            case ADVANCE -> "advanced";
            case COMPLETE -> "completed";
            case HALT -> "halted";
            case PAUSE -> "paused";
            case ROLLBACK -> "rolled-back";
            case WAIT_APPROVAL -> "approval-needed";
            case HOLD, WAIT_WINDOW -> "held";
        };
    }
}

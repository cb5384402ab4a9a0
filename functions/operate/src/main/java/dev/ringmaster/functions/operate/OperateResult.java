package dev.ringmaster.functions.operate;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a command.
 *
 * @param message  what was done (accepted), else null
 * @param reason   why it was refused, starting "cannot {command}: " (refused), else null
 * @param state    the rollout's state after the command, or null when there is no such rollout
 * @param version  the rollout's version after the command, or -1
 * @param operator who the history records as having asked, or null when nobody was named
 */
@RegisterForReflection
public record OperateResult(boolean accepted, String message, String reason, String state, long version, String operator) {
}

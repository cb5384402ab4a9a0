package dev.ringmaster.cli;

import dev.ringmaster.core.rollout.CommandResult;
import java.io.PrintWriter;

/**
 * The answer to an operator command: the deployed function's (OperateResult) or the local runner's, printed alike.
 *
 * @param state   the rollout's state after the command, or null when the answer has none
 * @param version the rollout's version after the command, or -1
 */
record OperateAnswer(boolean accepted, String message, String reason, String state, long version) {

    static OperateAnswer of(CommandResult r) {
        if (r instanceof CommandResult.Accepted a) {
            return new OperateAnswer(true, a.message(), null, a.rollout().state().name(), a.rollout().version());
        }
        return new OperateAnswer(false, null, ((CommandResult.Refused) r).reason(), null, -1);
    }

    /** "ID: what was done — now STATE (version N)", exit 0; "ID: refused: why" on standard error, exit 1. */
    int print(String rolloutId, PrintWriter out, PrintWriter err) {
        if (accepted) {
            out.println(rolloutId + ": " + message + (state == null ? "" : " — now " + state + " (version " + version + ")"));
            return ExitCode.OK;
        }
        err.println(rolloutId + ": refused: " + reason);
        return ExitCode.FAIL;
    }
}

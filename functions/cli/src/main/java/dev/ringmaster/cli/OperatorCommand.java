package dev.ringmaster.cli;

import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.core.rollout.CommandResult;
import java.io.PrintWriter;
import picocli.CommandLine.Parameters;

/**
 * A command on a rollout the local runner drives: written to its store as a transition plus the intent of
 * its action; the runner's next tick applies the action to the targets. Exit 0 accepted, 1 refused.
 */
abstract class OperatorCommand extends RunnerCommand {

    abstract Command command();

    abstract String rolloutId();

    @Override
    int run(RolloutStore store, PrintWriter out, PrintWriter err) {
        CommandResult r = LocalRunner.forCommands(store, options.clock()).handle(rolloutId(), command(), planYaml());
        if (r instanceof CommandResult.Accepted a) {
            out.println(rolloutId() + ": " + a.message() + " — now " + a.rollout().state() + " (version " + a.rollout().version() + ")");
            return ExitCode.OK;
        }
        err.println(rolloutId() + ": refused: " + ((CommandResult.Refused) r).reason());
        return ExitCode.FAIL;
    }

    /** Only start brings a plan. */
    String planYaml() {
        return null;
    }

    Command of(Command.Type type) {
        return Command.of(type, options.operator(), options.reason);
    }

    /** Verbs that act on a rollout already started name it by id. */
    abstract static class OnRollout extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "ROLLOUT", description = "rollout id (the plan's metadata.name)")
        String rolloutId;

        @Override
        String rolloutId() {
            return rolloutId;
        }
    }
}

package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A command on a rollout the local runner drives: written to its store as a transition plus the intent of
 * its action; the runner's next tick applies the action to the targets. With {@code --aws}, the deployed
 * operate function is asked the same. Exit 0 accepted, 1 refused.
 */
abstract class OperatorCommand extends RunnerCommand {

    @Mixin
    FunctionOption function;

    abstract Command command();

    abstract String rolloutId();

    @Override
    int run(RolloutStore store, PrintWriter out, PrintWriter err) {
        return OperateAnswer.of(LocalRunner.forCommands(store, options.clock()).handle(rolloutId(), command(), planYaml()))
                .print(rolloutId(), out, err);
    }

    @Override
    int runDeployed(PrintWriter out, PrintWriter err) {
        return DeployedOperate.invoke(aws, function.name(), event()).print(rolloutId(), out, err);
    }

    /** What the deployed function is asked: the command as events/operate-*.json has it. */
    ObjectNode event() {
        return OperateEvent.of(rolloutId(), command(), planYaml());
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

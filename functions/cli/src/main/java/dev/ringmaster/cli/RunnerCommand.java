package dev.ringmaster.cli;

import dev.ringmaster.core.port.RolloutStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the local runner's store, or with {@code --aws} to the deployed ringmaster: no runner
 * listening is a refusal that says so; a deployment that cannot be asked is exit 2 with what to do.
 */
abstract class RunnerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OperatorOptions options;

    @Mixin
    AwsOptions aws;

    /** @return the exit code: 0 done, 1 refused, 2 bad input */
    abstract int run(RolloutStore store, PrintWriter out, PrintWriter err);

    /** The same, on the deployed ringmaster. */
    abstract int runDeployed(PrintWriter out, PrintWriter err);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return aws.deployed ? runDeployed(out, err) : run(options.store(), out, err);
        } catch (OperatorOptions.NoRunner e) {
            err.println(e.getMessage());
            return ExitCode.FAIL;
        } catch (AwsOptions.Failure e) {
            err.println(e.getMessage());
            return ExitCode.BAD_INPUT;
        } finally {
            out.flush();
            err.flush();
        }
    }
}

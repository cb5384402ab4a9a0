package dev.ringmaster.cli;

import dev.ringmaster.core.port.RolloutStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the local runner's store: no runner listening is a refusal that says so. */
abstract class RunnerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OperatorOptions options;

    /** @return the exit code: 0 done, 1 refused, 2 bad input */
    abstract int run(RolloutStore store, PrintWriter out, PrintWriter err);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(options.store(), out, err);
        } catch (OperatorOptions.NoRunner e) {
            err.println(e.getMessage());
            return ExitCode.FAIL;
        } finally {
            out.flush();
            err.flush();
        }
    }
}

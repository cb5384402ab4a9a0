package dev.ringmaster.cli;

import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.rollout.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

@CommandLine.Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a rollout of PLAN on the local runner, or with --aws on the deployed ringmaster (the rollout id",
                "is the plan's metadata.name). The plan's pre-deployment checklist must be confirmed; --phase starts a hotfix",
                "at a later ring."},
        footer = {"", "Examples:", "  ./ringmaster start events/plans/003-medium-risk.yaml --confirm-checklist",
                "  ./ringmaster start android-2-1-0.yaml --aws --region eu-west-1 --confirm-checklist --reason 'release 2.1.0 approved'"})
public class StartCommand extends OperatorCommand {

    @CommandLine.Option(names = "--phase", paramLabel = "P", description = "start at this phase (hotfix plans only, seed 000)")
    String phase;

    @CommandLine.Option(names = "--confirm-checklist", description = "the plan's checklist is done (seed 003)")
    boolean confirmChecklist;

    @CommandLine.Option(names = "--after", paramLabel = "ROLLOUT", description = "restart after this rolled-back rollout, marked fixed"
            + " (seed 002: restart from phase 1 after a fix); the link is recorded in both")
    String after;

    @CommandLine.Parameters(index = "0", paramLabel = "PLAN", description = "the plan file")
    Path file;

    private String yaml;
    private String id;

    /** The id comes from the plan: read it before the common path runs. */
    @Override
    public Integer call() {
        ParseResult parsed = PlanParser.parse(file);
        if (!parsed.ok()) {
            parsed.errors().forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        id = parsed.plan().id();
        return super.call();
    }

    @Override
    String rolloutId() {
        return id;
    }

    @Override
    String planYaml() {
        return yaml;
    }

    @Override
    Command command() {
        return new Command(Command.Type.START, options.operator(), options.reason, phase, confirmChecklist, false, null, after);
    }
}

package dev.ringmaster.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "ringmaster", mixinStandardHelpOptions = true, version = "ringmaster 0.1.0",
        description = "Progressive-release gate: rings, cohorts, store staged rollouts and flags, decided with statistics.",
        subcommands = {ValidateCommand.class, GateCommand.class, TagsCommand.class, SimulateCommand.class, DemoCommand.class,
                RunCommand.class, StartCommand.class, StatusCommand.class, OperatorVerbs.Pause.class, OperatorVerbs.Resume.class,
                OperatorVerbs.Rollback.class, OperatorVerbs.Promote.class, OperatorVerbs.Approve.class, OperatorVerbs.Kill.class,
                OperatorVerbs.Fixed.class, ReportCommand.class, BenchCommand.class, RingsCommand.class},
        footer = {"", "Examples:", "  ./ringmaster validate events/plans/*.yaml",
                "  ./ringmaster gate events/plans/002-android-staged.yaml --phase phase-1 --metrics events/metrics/phase-1-healthy.json",
                "  ./ringmaster tags --branch ring-0 --pr 123 --iteration 42 --sha a1b2c3d4e5f6"})
public class RingmasterCommand {
}

package dev.ringmaster.cli;

import dev.ringmaster.core.rollout.Command;
import picocli.CommandLine;

/** The simple verbs: one command type each, no options of their own. */
final class OperatorVerbs {
    private OperatorVerbs() {
    }

    @CommandLine.Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a running rollout (seed 004 canary:pause): the target stops taking new users.",
            footer = {"", "Example:", "  ./ringmaster pause android-2-1-0 --reason 'investigating crash spike'"})
    static class Pause extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.PAUSE);
        }
    }

    @CommandLine.Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused or halted rollout (seed 004 canary:resume).",
            footer = {"", "Example:", "  ./ringmaster resume android-2-1-0 --reason 'false alarm: Play vitals outage'"})
    static class Resume extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.RESUME);
        }
    }

    @CommandLine.Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Roll the rollout back, COMPLETED included: every phase it reached withdrawn where its target can, its flags off.",
            footer = {"", "Example:", "  ./ringmaster rollback android-2-1-0 --reason 'crash spike in phase 1'"})
    static class Rollback extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.ROLLBACK);
        }
    }

    @CommandLine.Command(name = "kill", mixinStandardHelpOptions = true,
            description = {"Throw the kill switch (seed 004), in any state: the global canary flag off and everything the rollout",
                    "turned on withdrawn. --cohort NAME turns only that cohort's flag off."},
            footer = {"", "Examples:", "  ./ringmaster kill web-2-1-0-canary --reason 'data inconsistency'",
                    "  ./ringmaster kill web-2-1-0-canary --cohort beta --reason 'beta users report data loss'"})
    static class Kill extends OperatorCommand.OnRollout {
        @CommandLine.Option(names = "--cohort", paramLabel = "NAME", description = "only this cohort's flag (canary.cohort.{name}.enabled)")
        String cohort;

        @Override
        Command command() {
            return new Command(Command.Type.KILL, options.operator(), options.reason, null, false, false, cohort, null);
        }
    }

    @CommandLine.Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve entry to the next phase that asks for approval (seed 002 phase 3, seed 004 GA).",
            footer = {"", "Example:", "  ./ringmaster approve android-2-1-0 --reason 'health gates passed, no blocking issues'"})
    static class Approve extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.APPROVE);
        }
    }

    @CommandLine.Command(name = "fixed", mixinStandardHelpOptions = true, description = "Mark a rolled-back version fixed so it may start again from phase 1 (seed 002, seed 003).",
            footer = {"", "Example:", "  ./ringmaster fixed android-2-1-0 --reason 'root cause fixed in 2.1.1'"})
    static class Fixed extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.MARK_FIXED);
        }
    }

    @CommandLine.Command(name = "promote", mixinStandardHelpOptions = true, description = "Skip to 100 % whatever the gates say (seed 004 emergency): needs --force and --reason.",
            footer = {"", "Example:", "  ./ringmaster promote android-2-1-0 --force --reason 'security fix must reach everyone'"})
    static class Promote extends OperatorCommand.OnRollout {
        @CommandLine.Option(names = "--force", description = "yes, skip the gates")
        boolean force;

        @Override
        Command command() {
            return new Command(Command.Type.PROMOTE, options.operator(), options.reason, null, false, force);
        }
    }
}

package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.rollout.Command;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The simple verbs: one command type each; with --aws each is the deployed operate function's (events/operate-*.json). */
final class OperatorVerbs {
    private OperatorVerbs() {
    }

    @CommandLine.Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a running rollout (seed 004 canary:pause): the target stops taking new users.",
            footer = {"", "Examples:", "  ./ringmaster pause android-2-1-0 --reason 'investigating crash spike'",
                    "  ./ringmaster pause android-2-1-0 --aws --region eu-west-1 --reason 'support tickets about login'"})
    static class Pause extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.PAUSE);
        }
    }

    @CommandLine.Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused or halted rollout (seed 004 canary:resume).",
            footer = {"", "Examples:", "  ./ringmaster resume android-2-1-0 --reason 'false alarm: Play vitals outage'",
                    "  ./ringmaster resume android-2-1-0 --aws --reason 'login issue was a backend incident, fixed'"})
    static class Resume extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.RESUME);
        }
    }

    @CommandLine.Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Roll the rollout back, COMPLETED included: every phase it reached withdrawn where its target can, its flags off.",
            footer = {"", "Examples:", "  ./ringmaster rollback android-2-1-0 --reason 'crash spike in phase 1'",
                    "  ./ringmaster rollback android-2-1-0 --aws --function ringmaster-operate --reason 'crash spike'"})
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
                    "  ./ringmaster kill web-2-1-0-canary --cohort beta --reason 'beta users report data loss'",
                    "  ./ringmaster kill android-2-1-0 --aws --reason 'data loss reports: kill switch'"})
    static class Kill extends OperatorCommand.OnRollout {
        @CommandLine.Option(names = "--cohort", paramLabel = "NAME", description = "only this cohort's flag (canary.cohort.{name}.enabled)")
        String cohort;

        @Override
        Command command() {
            return new Command(Command.Type.KILL, options.operator(), options.reason, null, false, false, cohort, null);
        }
    }

    @CommandLine.Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve entry to the next phase that asks for approval (seed 002 phase 3, seed 004 GA).",
            footer = {"", "Examples:", "  ./ringmaster approve android-2-1-0 --reason 'health gates passed, no blocking issues'",
                    "  ./ringmaster approve android-2-1-0 --aws --operator release-board --checklist 'All health gates passed' --checklist 'No blocking issues'"})
    static class Approve extends OperatorCommand.OnRollout {
        @CommandLine.Option(names = "--confirm-checklist", description = "you confirm the whole approval checklist of the phase")
        boolean confirmChecklist;

        @CommandLine.Option(names = "--checklist", paramLabel = "ITEM",
                description = "an item of the phase's approval checklist you confirm (repeat for each); recorded with the approval")
        List<String> checklist = new ArrayList<>();

        @Override
        Command command() {
            return new Command(Command.Type.APPROVE, options.operator(), options.reason, null, confirmChecklist, false, null, null, checklist);
        }

        @Override
        ObjectNode event() {
            return OperateEvent.approve(rolloutId, command());
        }
    }

    @CommandLine.Command(name = "fixed", mixinStandardHelpOptions = true, description = "Mark a rolled-back version fixed so it may start again from phase 1 (seed 002, seed 003).",
            footer = {"", "Examples:", "  ./ringmaster fixed android-2-1-0 --reason 'root cause fixed in 2.1.1'",
                    "  ./ringmaster fixed android-2-1-0 --aws --reason 'crash fixed in 2.1.1 build 2101'"})
    static class Fixed extends OperatorCommand.OnRollout {
        @Override
        Command command() {
            return of(Command.Type.MARK_FIXED);
        }
    }

    @CommandLine.Command(name = "promote", mixinStandardHelpOptions = true, description = "Skip to 100 %% whatever the gates say (seed 004 emergency): needs --force and --reason.",
            footer = {"", "Examples:", "  ./ringmaster promote android-2-1-0 --force --reason 'security fix must reach everyone'",
                    "  ./ringmaster promote android-2-1-0 --aws --force --reason 'security hotfix: CVE-2026-1234'"})
    static class Promote extends OperatorCommand.OnRollout {
        @CommandLine.Option(names = "--force", description = "yes, skip the gates")
        boolean force;

        @Override
        Command command() {
            return new Command(Command.Type.PROMOTE, options.operator(), options.reason, null, false, force);
        }
    }
}

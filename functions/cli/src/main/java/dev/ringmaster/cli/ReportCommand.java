package dev.ringmaster.cli;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

@CommandLine.Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Report a check metric's result (tests passed, smoke tests, load tests) for a rollout on the",
                "local runner; the gate reads the latest report, and a report older than the phase is stale."},
        footer = {"", "Example:", "  ./ringmaster report web-2-1-0-canary --metric smoke_tests --result pass --reason 'CI run 4711'"})
public class ReportCommand extends RunnerCommand {
    /** The history entry's {@code what}: "report smoke_tests pass". */
    static final String PREFIX = "report ";

    @CommandLine.Parameters(index = "0", paramLabel = "ROLLOUT", description = "rollout id")
    String rolloutId;

    @CommandLine.Option(names = "--metric", required = true, paramLabel = "M", description = "a check metric of the plan")
    String metric;

    @CommandLine.Option(names = "--result", required = true, paramLabel = "pass|fail", description = "the check's result")
    String result;

    @Override
    int run(RolloutStore store, PrintWriter out, PrintWriter err) {
        if (!result.equals("pass") && !result.equals("fail")) {
            err.println("--result: '" + result + "' must be pass or fail");
            return ExitCode.BAD_INPUT;
        }
        Optional<StoredRollout> found = store.find(rolloutId);
        if (found.isEmpty()) {
            err.println(rolloutId + ": no such rollout on the local runner");
            return ExitCode.FAIL;
        }
        Plan plan = LocalRunner.plans().get(rolloutId, found.get().planYaml());
        MetricDef def = plan.metrics().get(metric);
        if (def == null || def.kind() != MetricKind.CHECK) {
            err.println("--metric: '" + metric + "' is not a check metric of " + rolloutId + "; its checks: "
                    + plan.metrics().values().stream().filter(m -> m.kind() == MetricKind.CHECK).map(MetricDef::name).toList());
            return ExitCode.BAD_INPUT;
        }
        Instant now = options.clock().instant();
        String why = options.reason == null || options.reason.isBlank() ? "reported by " + options.operator() : options.reason;
        store.append(new HistoryEntry(rolloutId, now, found.get().rollout().version(), HistoryEntry.Kind.COMMAND,
                PREFIX + metric + " " + result, plan.phases().get(found.get().rollout().phaseIndex()).name(), options.operator(),
                List.of(why)));
        out.println(rolloutId + ": " + metric + " " + result + " recorded at " + now);
        return ExitCode.OK;
    }
}

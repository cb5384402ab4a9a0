package dev.ringmaster.cli;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.port.StoredRollout;
import dev.ringmaster.core.signal.RecordedSignals;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

@CommandLine.Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Report a check metric's result (tests passed, smoke tests, load tests) for a rollout on the",
                "local runner, or with --aws on the deployed ringmaster; the gate reads the latest report, and a report",
                "older than the phase is stale."},
        footer = {"", "Examples:", "  ./ringmaster report web-2-1-0-canary --metric smoke_tests --result pass --reason 'CI run 4711'",
                "  ./ringmaster report web-2-1-0-canary --metric smoke_tests --result fail --aws --operator ci --reason 'CI run 4712'"})
public class ReportCommand extends RunnerCommand {

    @CommandLine.Parameters(index = "0", paramLabel = "ROLLOUT", description = "rollout id")
    String rolloutId;

    @CommandLine.Option(names = "--metric", required = true, paramLabel = "M", description = "a check metric of the plan")
    String metric;

    @CommandLine.Option(names = "--result", required = true, paramLabel = "pass|fail", description = "the check's result")
    String result;

    @CommandLine.Mixin
    FunctionOption function;

    @Override
    int run(RolloutStore store, PrintWriter out, PrintWriter err) {
        if (!validResult(err)) {
            return ExitCode.BAD_INPUT;
        }
        Optional<StoredRollout> found = store.find(rolloutId);
        if (found.isEmpty()) {
            err.println(rolloutId + ": no such rollout on the local runner");
            return ExitCode.FAIL;
        }
        Plan plan = LocalRunner.plans().get(rolloutId, found.get().planYaml());
        MetricDef def = plan.metrics().get(metric);
        List<String> reported = RecordedSignals.reportedChecks(plan);
        if (def == null || def.kind() != MetricKind.CHECK) {
            err.println("--metric: '" + metric + "' is not a check metric of " + rolloutId + "; its checks: " + reported);
            return ExitCode.BAD_INPUT;
        }
        if (!reported.contains(metric)) {
            // The gate reads a report only for a reported check: one recorded for another source would never count.
            err.println("--metric: '" + metric + "' of " + rolloutId + " is read from source " + def.source() + ", not reported; its reported checks: "
                    + reported);
            return ExitCode.BAD_INPUT;
        }
        Instant now = options.clock().instant();
        String why = options.reason == null || options.reason.isBlank() ? "reported by " + options.operator() : options.reason;
        store.append(RecordedSignals.report(rolloutId, now, found.get().rollout().version(),
                plan.phases().get(found.get().rollout().phaseIndex()).name(), metric, result.equals("pass"), options.operator(), why));
        out.println(rolloutId + ": " + metric + " " + result + " recorded at " + now);
        return ExitCode.OK;
    }

    @Override
    int runDeployed(PrintWriter out, PrintWriter err) {
        if (!validResult(err)) {
            return ExitCode.BAD_INPUT;
        }
        return DeployedOperate.invoke(aws, function.name(), OperateEvent.report(rolloutId, metric, result, options.operator(), options.reason))
                .print(rolloutId, out, err);
    }

    private boolean validResult(PrintWriter err) {
        if (result.equals("pass") || result.equals("fail")) {
            return true;
        }
        err.println("--result: '" + result + "' must be pass or fail");
        return false;
    }
}

package dev.ringmaster.cli;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.report.HtmlReport;
import dev.ringmaster.sim.MonteCarlo;
import dev.ringmaster.sim.Scenario;
import dev.ringmaster.sim.ScenarioParser;
import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.SimulationSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole chain on this machine, with no cloud account: seed 002's Android rollout on the",
                "simulated Google Play track, state in Amazon DynamoDB Local embedded on loopback, metrics sampled",
                "in virtual time. A build with twice the crash rate is halted in phase 1; a healthy one completes.",
                "Prints a summary and writes an HTML report per rollout."},
        footer = {"", "Example:", "  ./ringmaster demo --out out"})
public class DemoCommand implements Callable<Integer> {
    static final String PLAN = "events/plans/002-android-staged.yaml";
    static final String[] SCENARIOS = {"events/scenarios/android-bad-2x.yaml", "events/scenarios/android-healthy.yaml"};

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR", description = "where the reports go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        Path root = Repo.root();
        String yaml = Files.readString(root.resolve(PLAN));
        Plan plan = PlanParser.parse(PLAN, yaml).plan();
        w.println("ringmaster demo: plan " + PLAN + " (" + plan.phases().size() + " phases, Google Play staged rollout), DynamoDB Local on loopback");
        try (LocalDynamoDb db = LocalDynamoDb.start(null, 0)) {
            int table = 0;
            for (String file : SCENARIOS) {
                Scenario scenario = ScenarioParser.parse(root.resolve(file));
                long started = System.nanoTime();
                int offset = table++;
                SimulationSummary summary = MonteCarlo.run(yaml, plan, scenario, 1, seed,
                        run -> Stores.dynamoDb(db).apply(100 * offset + run));
                SimulationRun run = summary.example();
                Path report = out.resolve("demo-" + scenario.name() + ".html");
                HtmlReport.write(summary, report);
                w.println();
                w.printf("%s (%s build): %s after %.1f h of virtual time, simulated in %.1f s%n", scenario.name(),
                        run.bad() ? "bad" : "healthy", run.outcome(), run.hours(), (System.nanoTime() - started) / 1e9);
                w.println("  target: " + run.targetState());
                run.decisions().stream().filter(d -> !d.decision().equals("HOLD")).forEach(d -> w.printf("  %6.1f h  %s%n",
                        java.time.Duration.between(run.start(), d.at()).toSeconds() / 3600.0, firstReason(d.summary())));
                w.println("  history: " + run.history().size() + " entries in DynamoDB Local · report " + report);
            }
        }
        w.flush();
        return ExitCode.OK;
    }

    /** "HALT in phase-1: gate crash_rate ≤ 0.005 FAIL: …" up to its first reason: one line per decision. */
    private static String firstReason(String summary) {
        int cut = summary.indexOf("; ");
        return cut < 0 ? summary : summary.substring(0, cut);
    }
}

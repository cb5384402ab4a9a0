package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.bench.Bench;
import dev.ringmaster.bench.BenchResult;
import dev.ringmaster.bench.BenchScenario;
import dev.ringmaster.bench.BenchSuite;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TargetCheck;
import dev.ringmaster.bench.Targets;
import dev.ringmaster.report.bench.BenchReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gates", mixinStandardHelpOptions = true,
        description = {"Decision quality side by side (GATES.md): every scenario at small, medium and large traffic",
                "under each policy on the same sampled observations; a table per scenario, then each target."},
        footer = {"", "Example:", "  ./ringmaster bench gates --runs 500 --json out/bench.json --report out/bench.html"})
public class BenchGatesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "500", paramLabel = "N", description = "runs per scenario × traffic × policy (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed of the first run (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", paramLabel = "OUT", description = "write results and targets as JSON")
    Path json;

    @Option(names = "--report", paramLabel = "OUT.html", description = "write a self-contained HTML report")
    Path report;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1) {
            spec.commandLine().getErr().println("--runs: " + runs + " must be at least 1");
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
        List<Policy> policies = BenchPolicies.all();
        List<BenchScenario> scenarios = BenchSuite.scenarios();
        long started = System.nanoTime();
        List<BenchResult> results = Bench.run(policies, scenarios, runs, seed);
        double seconds = (System.nanoTime() - started) / 1e9;
        for (BenchScenario s : scenarios) {
            out.println();
            out.println("scenario " + s.name() + " (" + (s.bad() ? "bad build" : "healthy build") + ")");
            Table t = new Table("TRAFFIC", "POLICY", "FALSE-HALT", "PAUSED", "MISSED-BAD", "MEAN EXPOSED", "P95 EXPOSED", "MEDIAN H TO 100%",
                    "MEDIAN TICKS");
            results.stream().filter(r -> r.scenario().equals(s.name())).forEach(r -> t.row(r.traffic(), r.policy(), pct(r.falseHaltRate()),
                    pct(r.pausedRate()), pct(r.missedBadRate()), count(r.meanExposure()), count(r.p95Exposure()), num(r.medianHoursTo100()), num(r.medianTicks())));
            t.print(out);
        }
        List<TargetCheck> targets = Targets.check(results);
        out.println();
        out.println("targets (GATES.md) for the ringmaster policy:");
        targets.forEach(c -> out.printf("  %-8s %s: %s%n", c.met() ? "met" : "NOT MET", c.goal(), c.figure()));
        out.printf("%n%d scenarios × %d traffic levels × %d policies × %d runs in %.1f s%n", scenarios.size(),
                BenchSuite.TRAFFIC_ORDER.size(), policies.size(), runs, seconds);
        if (json != null) {
            write(results, targets, json);
            out.println("results written to " + json);
        }
        if (report != null) {
            BenchReport.write(results, targets, "ringmaster bench gates · " + runs + " runs per cell · seed " + seed, report);
            out.println("report written to " + report);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void write(List<BenchResult> results, List<TargetCheck> targets, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode rs = root.putArray("results");
        for (BenchResult r : results) {
            ObjectNode n = rs.addObject();
            n.put("scenario", r.scenario());
            n.put("traffic", r.traffic());
            n.put("policy", r.policy());
            n.put("runs", r.runs());
            put(n, "falseHaltRate", r.falseHaltRate());
            put(n, "pausedRate", r.pausedRate());
            put(n, "missedBadRate", r.missedBadRate());
            put(n, "meanUsersExposed", r.meanExposure());
            put(n, "p95UsersExposed", r.p95Exposure());
            put(n, "medianHoursTo100", r.medianHoursTo100());
            put(n, "medianTicksToDecision", r.medianTicks());
        }
        ArrayNode ts = root.putArray("targets");
        for (TargetCheck c : targets) {
            ObjectNode n = ts.addObject();
            n.put("name", c.name());
            n.put("goal", c.goal());
            n.put("figure", c.figure());
            n.put("met", c.met());
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, mapper.writeValueAsString(root) + "\n");
    }

    /** NaN (a column that does not apply to this scenario) is written as null. */
    private static void put(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}

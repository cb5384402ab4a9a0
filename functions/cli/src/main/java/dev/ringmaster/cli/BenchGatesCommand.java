package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.bench.Bench;
import dev.ringmaster.bench.BenchResult;
import dev.ringmaster.bench.BenchScenario;
import dev.ringmaster.bench.BenchSuite;
import dev.ringmaster.bench.Policy;
import dev.ringmaster.bench.TargetCheck;
import dev.ringmaster.bench.Targets;
import dev.ringmaster.bench.validity.PassTimes;
import dev.ringmaster.bench.validity.SparseCheck;
import dev.ringmaster.bench.validity.SpikeCheck;
import dev.ringmaster.bench.validity.ValidityGrid;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.report.bench.BenchReport;
import java.io.IOException;
import java.io.PrintWriter;
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
    /** Seed 004's plan: its beta cohort and its 5-minute error rule are the late spike's setting. */
    static final String SPIKE_PLAN = "events/plans/004-canary-cohorts.yaml";
    /** The validity grid runs 2,000 rollouts per cell at the default 500 runs. */
    static final int GRID_RUNS_PER_RUN = 4;

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
        ParseResult seed004 = PlanParser.parse(Repo.root().resolve(SPIKE_PLAN));
        if (!seed004.ok()) {
            spec.commandLine().getErr().println(SPIKE_PLAN + ": " + seed004.errors());
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
        long started = System.nanoTime();
        List<BenchResult> results = Bench.run(policies, scenarios, runs, seed);
        List<ValidityGrid.Cell> grid = ValidityGrid.run(BenchPolicies.sequential(), GRID_RUNS_PER_RUN * runs, seed);
        SpikeCheck.Result spike = SpikeCheck.run(seed004.plan(), runs, seed);
        List<PassTimes.PassTime> passTimes = PassTimes.run(runs, seed);
        List<Double> predicted = BenchPredictions.timeToPass(passTimes);
        SparseCheck.Result sparse = SparseCheck.run(BenchSuite.alphaFail(BenchSuite.METRICS));
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
        printGrid(grid, out);
        out.println();
        out.printf("late spike (seed 004, %s, %s): halted a median %.0f min after the onset, worst %.0f min; %s missed; "
                + "%s halted on the healthy hours before (%d runs)%n", spike.phase(), spike.rule(), spike.median(), spike.max(),
                pct(spike.missedRate()), pct(spike.falseHaltRate()), spike.runs());
        out.println();
        out.println("sparse data (spinnaker/spinnaker#6278: canary 7 × 100 and 3 × 1 against ten 1s, bound 1.05 × control): kayenta "
                + sparse.kayenta() + ", ringmaster " + sparse.ringmaster().outcome() + " (" + sparse.ringmaster().evidence().reason() + ")");
        out.println();
        out.println("time to PASS a healthy build, strict plan, no maxSoak (median of " + runs + " runs) against validate --traffic");
        Table pass = new Table("TRAFFIC", "PHASE", "SIMULATED MEDIAN", "PREDICTED");
        for (int i = 0; i < passTimes.size(); i++) {
            PassTimes.PassTime p = passTimes.get(i);
            pass.row(p.traffic(), String.valueOf(p.phase() + 1), hours(p.medianHours()), hours(predicted.get(i)));
        }
        pass.print(out);
        List<TargetCheck> targets = Targets.check(results, grid, spike, sparse, passTimes, predicted, seconds);
        out.println();
        out.println("targets (GATES.md) for the ringmaster policy:");
        targets.forEach(c -> out.printf("  %-8s %s: %s%n", c.met() ? "met" : "NOT MET", c.goal(), c.figure()));
        out.printf("%n%d scenarios × %d traffic levels × %d policies × %d runs (%,d rollouts; the decidable plan's scenarios "
                + "under the policies that read margins), the validity grid (%d cells × %d runs × %d policies), the late spike "
                + "and the pass times in %.1f s%n", scenarios.size(), BenchSuite.TRAFFIC_ORDER.size(), policies.size(), runs,
                results.stream().mapToInt(BenchResult::runs).sum(), ValidityGrid.RATES.length * ValidityGrid.SESSIONS.length,
                GRID_RUNS_PER_RUN * runs, BenchPolicies.sequential().size(), seconds);
        if (json != null) {
            write(results, grid, spike, sparse, passTimes, predicted, targets, json);
            out.println("results written to " + json);
        }
        if (report != null) {
            BenchReport.write(results, targets, "ringmaster bench gates · " + runs + " runs per cell · seed " + seed, report);
            out.println("report written to " + report);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printGrid(List<ValidityGrid.Cell> grid, PrintWriter out) {
        out.println();
        out.println("validity grid: healthy rollouts, 7 days of 5-minute ticks, maxRelative 1.0, exact binomial counts;"
                + " share ever halted (ringmaster's α " + pct(ValidityGrid.ALPHA) + ")");
        List<String> names = grid.stream().map(ValidityGrid.Cell::policy).distinct().toList();
        List<String> header = new java.util.ArrayList<>(List.of("BASELINE", "SESSIONS/TICK", "RUNS"));
        names.forEach(n -> header.add(n.toUpperCase(Locale.ROOT)));
        Table t = new Table(header.toArray(String[]::new));
        for (double rate : ValidityGrid.RATES) {
            for (int sessions : ValidityGrid.SESSIONS) {
                List<ValidityGrid.Cell> row = grid.stream().filter(c -> c.rate() == rate && c.sessions() == sessions).toList();
                List<String> cells = new java.util.ArrayList<>(List.of(String.format(Locale.ROOT, "%.1f %%", 100 * rate),
                        String.valueOf(sessions), String.valueOf(row.get(0).runs())));
                names.forEach(n -> cells.add(row.stream().filter(c -> c.policy().equals(n)).findFirst().map(c -> pct(c.falseHaltRate())).orElse("-")));
                t.row(cells.toArray(String[]::new));
            }
        }
        t.print(out);
    }

    private static void write(List<BenchResult> results, List<ValidityGrid.Cell> grid, SpikeCheck.Result spike,
                              SparseCheck.Result sparse, List<PassTimes.PassTime> passTimes, List<Double> predicted, List<TargetCheck> targets,
                              Path file) throws IOException {
        ObjectNode root = BenchJson.document();
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
        ArrayNode cells = root.putArray("validityGrid");
        for (ValidityGrid.Cell c : grid) {
            ObjectNode n = cells.addObject();
            n.put("baselineRate", c.rate());
            n.put("sessionsPerTick", c.sessions());
            n.put("policy", c.policy());
            n.put("runs", c.runs());
            n.put("falseHaltRate", c.falseHaltRate());
        }
        ObjectNode late = root.putObject("lateSpike");
        late.put("phase", spike.phase());
        late.put("rule", spike.rule());
        late.put("runs", spike.runs());
        put(late, "medianMinutesToHalt", spike.median());
        put(late, "worstMinutesToHalt", spike.max());
        late.put("missedRate", spike.missedRate());
        late.put("falseHaltRate", spike.falseHaltRate());
        ObjectNode fixture = root.putObject("sparseFixture");
        fixture.put("kayenta", sparse.kayenta().name());
        fixture.put("ringmaster", sparse.ringmaster().outcome().name());
        fixture.put("reason", sparse.ringmaster().evidence().reason());
        ArrayNode times = root.putArray("timeToPass");
        for (int i = 0; i < passTimes.size(); i++) {
            ObjectNode n = times.addObject();
            n.put("traffic", passTimes.get(i).traffic());
            n.put("phase", passTimes.get(i).phase() + 1);
            put(n, "simulatedMedianHours", passTimes.get(i).medianHours());
            put(n, "predictedHours", predicted.get(i));
        }
        BenchJson.checks(root, "targets", targets);
        BenchJson.write(root, file);
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

    private static String hours(double v) {
        return Double.isNaN(v) ? "never within " + PassTimes.CAP.toHours() + " h" : String.format(Locale.ROOT, "%.1f h", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}

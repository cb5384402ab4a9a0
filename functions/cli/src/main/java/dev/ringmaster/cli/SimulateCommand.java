package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.live.LiveTargets;
import dev.ringmaster.sim.feasibility.Assumptions;
import dev.ringmaster.sim.feasibility.FeasibilityCheck;
import dev.ringmaster.sim.feasibility.Row;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.report.HtmlReport;
import dev.ringmaster.sim.MonteCarlo;
import dev.ringmaster.sim.PhaseTime;
import dev.ringmaster.sim.Scenario;
import dev.ringmaster.sim.ScenarioError;
import dev.ringmaster.sim.ScenarioParser;
import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.SimulationSummary;
import dev.ringmaster.sim.Simulator;
import dev.ringmaster.sim.Traffic;
import dev.ringmaster.testkit.memory.InMemoryRolloutStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run the whole chain — evaluate-gates, advance-phase, pause-store-rollout, notify-channel — over",
                "simulated stores and metrics in virtual time. Seeded: the same seed gives the same history.",
                "--runs N repeats it N times (seeds K … K+N-1) on all cores and summarises."},
        footer = {"", "Example:",
                "  ./ringmaster simulate events/plans/002-android-staged.yaml --scenario events/scenarios/android-bad-2x.yaml --runs 200 --report out/bad.html"})
public class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the rollout plan")
    Path planFile;

    @Option(names = "--scenario", required = true, paramLabel = "S.yaml", description = "the simulated world (CONTRACTS.md §4)")
    Path scenarioFile;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N", description = "Monte Carlo runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed of the first run (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", paramLabel = "OUT", description = "write the summary as JSON")
    Path json;

    @Option(names = "--report", paramLabel = "OUT.html", description = "write a self-contained HTML report of the first run")
    Path report;

    /** Where a simulation keeps rollout state. */
    enum Store {
        memory, dynamodb
    }

    /** What the rollout acts on. */
    enum TargetKind {
        sim, live
    }

    @Option(names = "--targets", defaultValue = "sim", paramLabel = "sim|live",
            description = {"sim (default): simulated stores, flags and registries;",
                    "live: one run on the configured real target adapters (docs/targets.md), metrics and people still simulated"})
    TargetKind targets;

    @Option(names = "--store", defaultValue = "memory", paramLabel = "memory|dynamodb",
            description = "where rollout state lives: memory (default), or Amazon DynamoDB Local embedded on loopback")
    Store store;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ParseResult parsed = PlanParser.parse(planFile);
            if (!parsed.ok()) {
                parsed.errors().forEach(err::println);
                return ExitCode.BAD_INPUT;
            }
            if (runs < 1) {
                err.println("--runs: " + runs + " must be at least 1");
                return ExitCode.BAD_INPUT;
            }
            if (targets == TargetKind.live && runs != 1) {
                err.println("--runs: " + runs + " with --targets live: a rehearsal on real targets is one run");
                return ExitCode.BAD_INPUT;
            }
            Scenario scenario;
            try {
                scenario = ScenarioParser.parse(scenarioFile);
            } catch (ScenarioError e) {
                err.println(e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            Plan plan = parsed.plan();
            long started = System.nanoTime();
            SimulationSummary summary;
            if (targets == TargetKind.live) {
                summary = rehearse(plan, scenario);
                if (summary == null) {
                    return ExitCode.BAD_INPUT;
                }
            } else if (store == Store.dynamodb) {
                try (LocalDynamoDb db = LocalDynamoDb.start(null, 0)) {
                    summary = MonteCarlo.run(Files.readString(planFile), plan, scenario, runs, seed, Stores.dynamoDb(db));
                }
            } else {
                summary = MonteCarlo.run(Files.readString(planFile), plan, scenario, runs, seed);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            print(summary, seconds, out);
            feasibility(plan, scenario, summary, out);
            if (json != null) {
                writeJson(summary, json);
                out.println("summary written to " + json);
            }
            if (report != null) {
                HtmlReport.write(summary, report);
                out.println("report written to " + report);
            }
            return ExitCode.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One run on the real adapters; null (and why, on stderr) when the plan names a target this machine has none for. */
    private SimulationSummary rehearse(Plan plan, Scenario scenario) throws IOException {
        LiveTargets live = Live.targets();
        List<String> missing = Live.capabilities(live).missing(plan);
        if (!missing.isEmpty()) {
            missing.forEach(m -> spec.commandLine().getErr().println(planFile + ": " + m + " (docs/targets.md says how to configure it)"));
            return null;
        }
        Simulator simulator = new Simulator(Files.readString(planFile), plan, scenario).on(new Simulator.Live(live.targets(), live.flags()));
        if (store == Store.dynamodb) {
            try (LocalDynamoDb db = LocalDynamoDb.start(null, 0)) {
                return MonteCarlo.once(simulator, plan, scenario, seed, Stores.dynamoDb(db).apply(0));
            }
        }
        return MonteCarlo.once(simulator, plan, scenario, seed, new InMemoryRolloutStore());
    }

    static void print(SimulationSummary s, double seconds, PrintWriter out) {
        SimulationRun example = s.example();
        out.printf("plan %s · scenario %s (%s) · %d run%s from seed %d%n", s.plan(), s.scenario(), example.bad() ? "bad build" : "healthy build",
                s.runs(), s.runs() == 1 ? "" : "s", example.seed());
        out.println("outcomes: " + s.outcomes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.printf("median hours to outcome: %.1f%n", s.medianHoursToOutcome());
        if (example.bad()) {
            out.printf("mean sessions exposed to the bad build: %,.0f · missed-bad rate: %s%n", s.meanUsersExposedToBadBuild(),
                    percent(s.missedBadRate()));
        } else {
            out.println("false-halt rate: " + percent(s.falseHaltRate()));
        }
        out.printf("run with seed %d: %s after %.1f h · %s%n", example.seed(), example.outcome(), example.hours(), example.targetState());
        example.decisions().forEach(d -> out.printf("  %6.1f h  %-13s %s%n",
                java.time.Duration.between(example.start(), d.at()).toSeconds() / 3600.0, d.decision(), d.summary()));
        out.printf("simulated %d run%s in %.2f s%n", s.runs(), s.runs() == 1 ? "" : "s", seconds);
    }

    /**
     * The feasibility check on the scenario's own world (mean traffic, the true baseline values, each gauge's noise,
     * the scenario's tick), next to how long the runs took to get past each phase's gates.
     */
    static void feasibility(Plan plan, Scenario scenario, SimulationSummary s, PrintWriter out) {
        Map<String, Double> healthy = new LinkedHashMap<>();
        Map<String, Double> noise = new LinkedHashMap<>();
        scenario.metrics().forEach((metric, truth) -> {
            if (truth.check() == null) {
                healthy.put(metric, truth.baseline());
                noise.put(metric, truth.noise());
            }
        });
        Assumptions world = new Assumptions(scenario.users(), healthy, noise, Assumptions.DEFAULT_GAUGE_NOISE, scenario.tick(), true,
                phase -> Traffic.share(phase, scenario));
        List<Row> rows = FeasibilityCheck.of(plan, world);
        if (rows.isEmpty()) {
            return;
        }
        Map<String, PhaseTime> measured = new LinkedHashMap<>();
        s.phases().forEach(p -> measured.put(p.phase(), p));
        out.printf(Locale.ROOT, "predicted by %d seeded runs per gate at the scenario's mean %,.0f sessions/h and true baseline values, next to the runs%n",
                FeasibilityCheck.RUNS, scenario.users());
        FeasibilityTable.print(rows, rows.stream().map(r -> measured(measured.get(r.phase()))).toList(), "RUNS: PHASE PASSED",
                metric -> " (the scenario gives no value for it)", out);
    }

    /** "25.0h median (198 of 200 runs)", or how many reached it and none passed. */
    private static String measured(PhaseTime p) {
        if (p == null || p.reached() == 0) {
            return "not reached";
        }
        if (p.passed() == 0) {
            return "never (0 of " + p.reached() + " runs)";
        }
        return String.format(Locale.ROOT, "%.1fh median (%d of %d runs)", p.medianHours(), p.passed(), p.reached());
    }

    /** "google-play com.example.vpn production: halted at 10 %" → "halted at 10 %": the state, as CONTRACTS.md §6 shows it. */
    static String finalTarget(String targetState) {
        int colon = targetState.lastIndexOf(": ");
        return colon < 0 ? targetState : targetState.substring(colon + 2);
    }

    private static String percent(double v) {
        return Numbers.sig(v * 100) + " %";
    }

    static void writeJson(SimulationSummary s, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("plan", s.plan());
        root.put("scenario", s.scenario());
        root.put("runs", s.runs());
        root.put("seed", s.example().seed());
        root.put("bad", s.example().bad());
        ObjectNode outcomes = root.putObject("outcomes");
        s.outcomes().forEach(outcomes::put);
        root.put("medianHoursToOutcome", s.medianHoursToOutcome());
        root.put("meanUsersExposedToBadBuild", s.meanUsersExposedToBadBuild());
        root.put("falseHaltRate", s.falseHaltRate());
        root.put("missedBadRate", s.missedBadRate());
        SimulationRun example = s.example();
        ObjectNode run = root.putObject("exampleRun");
        run.put("seed", example.seed());
        run.put("outcome", example.outcome().name());
        run.put("hours", example.hours());
        run.put("finalTarget", finalTarget(example.targetState()));
        ArrayNode calls = run.putArray("targetCalls");
        for (SimulationRun.TargetCall c : example.targetCalls()) {
            calls.addObject().put("hours", Math.round(c.hours() * 1000) / 1000.0).put("call", c.call()).put("phase", c.phase())
                    .put("result", c.result());
        }
        run.set("flags", mapper.valueToTree(example.flags()));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, mapper.writeValueAsString(root) + "\n");
    }
}

package dev.ringmaster.cli;

import dev.ringmaster.core.gate.Evidence;
import dev.ringmaster.core.gate.GateEngine;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.gate.Thresholds;
import dev.ringmaster.core.gate.Verdict;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.rollout.AlphaBudget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"CI health gate (seed 002): judge one phase's gates on a metrics snapshot, or without --metrics on the",
                "plan's live sources over --window (spec.sources; docs/sources.md), and print each gate's verdict with",
                "its evidence. Verdicts use the sample size: a handful of sessions is INCONCLUSIVE, not FAIL, and a",
                "metric missing from the snapshot or without data is never a pass."},
        footer = {"", "Snapshot (counts for rates, values for gauges, events/min for counts):",
                "  {\"window\": \"24h\", \"metrics\": {\"crash_rate\": {\"bad\": 31, \"total\": 10000},",
                "                                 \"latency_p75\": {\"value\": 850, \"baseline\": 800},",
                "                                 \"smoke_tests\": {\"check\": \"pass\"}}}",
                "", "Exit codes: 0 every gate passed, 1 a gate failed, 3 inconclusive (no failure, but a gate",
                "lacks evidence, or its metric is missing or has no data), 2 bad input or a source that cannot be read.",
                "", "Examples:",
                "  ./ringmaster gate events/plans/002-android-staged.yaml --phase phase-1 --metrics events/metrics/phase-1-healthy.json",
                "  RINGMASTER_PROMETHEUS_URL=http://127.0.0.1:9090 ./ringmaster gate PLAN --phase phase-1 --window 24h"})
public class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the rollout plan")
    Path planFile;

    @Option(names = "--phase", required = true, paramLabel = "P", description = "the phase whose exit gates to judge")
    String phaseName;

    @Option(names = "--metrics", paramLabel = "M.json", description = "metrics snapshot (JSON); without it the plan's sources are read")
    Path metricsFile;

    @Option(names = "--window", paramLabel = "D", description = "live sources: how far back to read (default 24h)")
    String window;

    @Option(names = "--until", paramLabel = "TIME", description = "live sources: the end of the window, ISO-8601 like 2026-11-30T18:00:00Z (default now)")
    String until;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        ParseResult parsed = PlanParser.parse(planFile);
        if (!parsed.ok()) {
            parsed.errors().forEach(err::println);
            return ExitCode.BAD_INPUT;
        }
        Plan plan = parsed.plan();
        int index = plan.indexOf(phaseName);
        if (index < 0) {
            err.println("--phase: no phase '" + phaseName + "' in " + planFile + "; phases: "
                    + plan.phases().stream().map(Phase::name).toList());
            return ExitCode.BAD_INPUT;
        }
        Phase phase = plan.phases().get(index);
        if (phase.gates().isEmpty()) {
            err.println("--phase: phase '" + phaseName + "' has no gates to judge");
            return ExitCode.BAD_INPUT;
        }
        GateEvidence evidence;
        try {
            evidence = metricsFile != null ? snapshot(plan) : GateEvidence.live(plan, phase, window, until, Live.sources());
        } catch (GateEvidence.BadInput e) {
            err.println(e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Instant now = evidence.until();
        double alpha = AlphaBudget.perTest(plan);
        Thresholds t = new Thresholds(alpha, plan.falseAdvanceRate(), now, now.minus(evidence.window()));
        GateEngine engine = new GateEngine();
        out.printf("plan %s · phase %s · window %s%s · falseHaltRate %s split over %d tests (α %.2g per gate)%n%n",
                plan.id(), phase.name(), Durations.format(evidence.window()), evidence.live() ? " until " + now : "",
                Numbers.plain(plan.falseHaltRate()), AlphaBudget.tests(plan), alpha);
        Table table = new Table("GATE", "VERDICT", "ESTIMATE", "ALWAYS-VALID INTERVAL", "N", "EVIDENCE");
        Outcome overall = Outcome.PASS;
        List<String> failing = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Gate g : phase.gates()) {
            String unreachable = evidence.unreachable().get(g.metric());
            if (unreachable != null) {
                unreadable.add(g.metric() + ": " + unreachable);
                table.row(g.criterion().describe(), "-", "-", "-", "-", "source cannot be read: " + unreachable);
                continue;
            }
            MetricSeries s = evidence.series().getOrDefault(g.metric(), MetricSeries.empty(g.metric()));
            Verdict v = engine.judge(g.criterion(), plan.metrics().get(g.metric()).kind(), s, t);
            Outcome o = v.outcome() == Outcome.INCONCLUSIVE && g.advanceInconclusive() ? Outcome.PASS : v.outcome();
            overall = Outcome.worst(overall, o);
            if (o == Outcome.FAIL) {
                failing.add(g.criterion().describe());
            } else if (o == Outcome.INCONCLUSIVE) {
                lacking.add(g.criterion().describe());
            }
            Evidence e = v.evidence();
            String missing = evidence.missing().get(g.metric());
            String why = missing != null ? missing + ": never a pass" : e.reason();
            table.row(g.criterion().describe(), v.outcome().name(), num(e.estimate()), interval(e),
                    e.sampleSize() < 0 ? "-" : String.valueOf(e.sampleSize()), why);
        }
        table.print(out);
        out.println();
        if (!unreadable.isEmpty()) {
            out.println("UNREADABLE: " + String.join("; ", unreadable) + " — no verdict without the evidence");
            return ExitCode.BAD_INPUT;
        }
        switch (overall) {
            case PASS -> out.println("PASS: every gate of '" + phase.name() + "' passed");
            case FAIL -> out.println("FAIL: " + String.join(", ", failing) + " — seed 002: pause the rollout");
            case INCONCLUSIVE -> out.println("INCONCLUSIVE: not enough evidence for " + String.join(", ", lacking)
                    + " — hold, do not promote");
        }
        return switch (overall) {
            case PASS -> ExitCode.OK;
            case FAIL -> ExitCode.FAIL;
            case INCONCLUSIVE -> ExitCode.INCONCLUSIVE;
        };
    }

    private GateEvidence snapshot(Plan plan) throws GateEvidence.BadInput {
        if (window != null || until != null) {
            throw new GateEvidence.BadInput("--window and --until read live sources: a --metrics snapshot has its own window");
        }
        Instant now = Instant.now();
        try {
            MetricsSnapshot snapshot = MetricsSnapshot.read(Files.readString(metricsFile), plan.metrics(), now);
            java.util.Map<String, String> missing = new java.util.LinkedHashMap<>();
            plan.metrics().keySet().stream().filter(m -> !snapshot.series().containsKey(m)).forEach(m -> missing.put(m, "missing from the snapshot"));
            return new GateEvidence(snapshot.window(), now, false, snapshot.series(), missing, java.util.Map.of());
        } catch (IOException e) {
            throw new GateEvidence.BadInput(metricsFile + ": cannot read: " + e.getMessage());
        } catch (MetricsSnapshot.BadSnapshot e) {
            throw new GateEvidence.BadInput(metricsFile + ": " + e.getMessage());
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : Numbers.sig(v);
    }

    private static String interval(Evidence e) {
        if (Double.isNaN(e.lower()) && Double.isNaN(e.upper())) {
            return "-";
        }
        return "[" + num(e.lower()) + ", " + num(e.upper()) + "] at " + Numbers.sig(e.confidence() * 100) + "%";
    }
}

package dev.ringmaster.cli;

import dev.ringmaster.sim.feasibility.Assumptions;
import dev.ringmaster.sim.feasibility.FeasibilityCheck;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.HaltRule;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.rollout.AlphaBudget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Parse and check rollout plans. Every error is printed as FILE:LINE:COL: path: message;",
                "a valid plan prints a table of its (expanded) phases."},
        footer = {"", "With --traffic it also runs each gate 200 times on seeded draws and prints, per phase and gate, the",
                "median and 99th-percentile time for a healthy build to PASS and the mean sessions a ×2 build reaches",
                "before it FAILs, and warns when 99 %% of healthy runs cannot PASS within the soak (or maxSoak), naming",
                "the soak, margin or onInconclusive that would fit.", "",
                "Exit codes: 0 every plan valid (feasibility warnings are not errors), 2 any plan invalid or a bad option value.",
                "", "Examples:",
                "  ./ringmaster validate events/plans/002-android-staged.yaml",
                "  ./ringmaster validate events/plans/bench-strict.yaml --traffic 20000/h \\",
                "      --healthy crash_rate=0.2%% --healthy error_rate=0.2%% --healthy latency_p75=200"})
public class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PLAN", arity = "1..*", description = "plan files (YAML)")
    List<Path> plans;

    @Mixin
    TrafficOptions traffic;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = ExitCode.OK;
        try {
            traffic.check();
        } catch (TrafficOptions.BadOption e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        for (Path file : plans) {
            ParseResult result = PlanParser.parse(file);
            if (!result.ok()) {
                result.errors().forEach(e -> err.println(e));
                err.println(file + ": " + result.errors().size() + (result.errors().size() == 1 ? " error" : " errors"));
                exit = ExitCode.BAD_INPUT;
                continue;
            }
            Assumptions world = null;
            if (traffic.asked()) {
                try {
                    world = traffic.assumptions(result.plan());
                } catch (TrafficOptions.BadOption e) {
                    err.println(e.getMessage());
                    exit = ExitCode.BAD_INPUT;
                    continue;
                }
            }
            print(file, result.plan(), out);
            if (world != null) {
                feasibility(result.plan(), world, out);
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    static void print(Path file, Plan plan, PrintWriter out) {
        out.println(file + ": valid plan " + plan.label()
                + (plan.fromTemplate() ? " (phases from risk template " + plan.risk() + ", seed 003)" : "")
                + (plan.hotfix() ? " [hotfix: windows do not apply]" : ""));
        Table t = new Table("#", "PHASE", "AUDIENCE", "SOAK", "MAXSOAK", "APPROVAL", "TARGET", "GATES");
        int i = 1;
        for (Phase p : plan.phases()) {
            t.row(String.valueOf(i++), p.name(), p.audience(), Durations.format(p.soak()), Durations.format(p.maxSoak()),
                    p.approval().required() ? "yes" : "-", plan.targetOf(p).describe(), gates(p.gates()));
        }
        t.print(out);
        if (!plan.haltRules().isEmpty()) {
            Table halts = new Table("HALT RULE", "FOR", "SEVERITY", "ACTION");
            for (HaltRule h : plan.haltRules()) {
                halts.row(h.criterion().describe(), Durations.format(h.sustain()), h.severity().name().toLowerCase(Locale.ROOT),
                        h.halts() ? h.action().name().toLowerCase(Locale.ROOT) : "notify");
            }
            halts.print(out);
        }
        out.printf("falseHaltRate %s split over %d tests (%.2g each); windows %s%n",
                Numbers.plain(plan.falseHaltRate()), AlphaBudget.tests(plan), AlphaBudget.perTest(plan),
                plan.windows().allow().isEmpty() && plan.windows().deny().isEmpty() ? "none" : plan.windows().zone().getId());
    }

    private static void feasibility(Plan plan, Assumptions world, PrintWriter out) {
        out.printf(Locale.ROOT, "feasibility at %,.0f sessions/h at 100 %%: %d seeded runs per gate, %s ticks, gauges ±%s per tick%n",
                world.sessionsPerHour(), FeasibilityCheck.RUNS, Durations.format(world.tick()), Numbers.sig(world.gaugeNoise() * 100) + " %");
        FeasibilityTable.print(FeasibilityCheck.of(plan, world), null, null, metric -> " (pass --healthy " + metric + "=VALUE)", out);
    }

    private static String gates(List<Gate> gates) {
        return gates.isEmpty() ? "-" : gates.stream().map(g -> g.criterion().describe()
                + (g.window() == null ? "" : " over " + Durations.format(g.window()))).collect(Collectors.joining(", "));
    }
}

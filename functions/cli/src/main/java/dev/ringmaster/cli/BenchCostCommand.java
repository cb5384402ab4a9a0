package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.bench.cost.CostModel;
import dev.ringmaster.bench.cost.Price;
import dev.ringmaster.bench.runtime.RuntimeBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"What one rollout costs per day at a 5-minute tick, from bench runtime's figures and public us-east-1 prices",
                "(each with where it was read), and what the stack costs a month while no rollout is active."},
        footer = {"", "Example:", "  ./ringmaster bench runtime --json out/runtime.json && ./ringmaster bench cost --runtime out/runtime.json"})
public class BenchCostCommand implements Callable<Integer> {
    /** infra Runtimes: the JVM variant's memory, and the native default's. */
    static final int JVM_MB = 1024;
    static final int NATIVE_MB = 256;
    /**
     * Counted in infra RingmasterStack (RingmasterStackTest counts them in the template): an errors alarm per function
     * (6), a depth alarm per rule's dead-letter queue (3) and the failed protective action's (1).
     */
    static final int STANDING_ALARMS = 10;
    /** RingmasterStack.WEBHOOK_SECRETS: appstore, alertmanager, canary-diff, generic; none with -c webhookSecrets=ssm. */
    static final int SECRETS = 4;
    /** Lambda's START, END and REPORT lines per invocation, about this many bytes (an assumption, not measured here). */
    static final int PLATFORM_LOG_BYTES = 300;
    /** Assumed: one container start an hour for evaluate-gates; Lambda usually keeps a container between 5-minute ticks. */
    static final double COLD_STARTS_PER_DAY = 24;
    /**
     * Assumed for bench-runtime.yaml (5 phases over ~10.3 days): 5 advance-phase, 8 notify-channel and 1 operate start
     * over the rollout, a daily status (notify-channel) and 2 operate status calls a day: about 5 other invocations and
     * 2 bus events per rollout-day, each invocation a cold start with 2 read and 4 write units.
     */
    static final double OTHER_INVOCATIONS = 5;
    static final double BUS_EVENTS = 2;
    static final double OTHER_READ_UNITS = 2;
    static final double OTHER_WRITE_UNITS = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", paramLabel = "FILE", description = "figures from `bench runtime --json FILE`; without it, a quick run measures them")
    Path runtime;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode figures;
        String from;
        if (runtime != null) {
            if (!Files.isRegularFile(runtime)) {
                err.println("--runtime: " + runtime + " is not a file; write one with ./ringmaster bench runtime --json " + runtime);
                err.flush();
                return ExitCode.BAD_INPUT;
            }
            figures = new ObjectMapper().readTree(runtime.toFile());
            from = runtime + " (measured " + figures.path("measuredAt").asText("?") + ")";
        } else {
            Path file = Files.createTempFile("ringmaster-runtime", ".json");
            BenchRuntimeCommand quick = new BenchRuntimeCommand();
            quick.spec = spec;
            quick.quick = true;
            quick.json = file;
            err.println("no --runtime file: measuring quickly (bench runtime --quick)…");
            err.flush();
            quick.call();
            figures = new ObjectMapper().readTree(file.toFile());
            from = "a quick run of bench runtime (1 launch, 30 ticks)";
        }
        JsonNode tick = coldStart(figures, "evaluate-gates", RuntimeBench.QUARKUS);
        JsonNode day = figures.path("steadyState").findParents("historyHours").stream().filter(n -> n.path("historyHours").asInt() == 24)
                .findFirst().orElse(null);
        if (tick == null || !tick.has("medianWarmTickMs") || day == null) {
            err.println("--runtime: " + from + " has no evaluate-gates warm tick or no 1-day steady state; run bench runtime with the functions built");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        boolean units = day.path("capacityReported").asBoolean();
        double otherMs = others(figures);
        CostModel.Inputs jvm = new CostModel.Inputs(tick.path("medianWarmTickMs").asDouble(), tick.path("medianFirstEventMs").asDouble(),
                COLD_STARTS_PER_DAY, JVM_MB, units ? day.path("readUnitsPerTick").asDouble() : day.path("readsPerTick").asDouble(),
                units ? day.path("writeUnitsPerTick").asDouble() : day.path("writesPerTick").asDouble(),
                tick.path("medianLogBytesPerTick").asDouble() + PLATFORM_LOG_BYTES, OTHER_INVOCATIONS, otherMs, OTHER_READ_UNITS,
                OTHER_WRITE_UNITS, BUS_EVENTS);
        List<CostModel.Line> lines = CostModel.rolloutDay(jvm);
        out.println();
        out.println("one rollout-day at a 5-minute tick (" + CostModel.TICKS_PER_DAY + " ticks), JVM functions at " + JVM_MB + " MB; figures from " + from);
        List<Price> sources = new ArrayList<>();
        Table t = new Table("ITEM", "PER DAY", "PRICE", "USD/DAY");
        for (CostModel.Line l : lines) {
            if (!sources.contains(l.price())) {
                sources.add(l.price());
            }
            t.row(l.item(), quantity(l.quantity()), String.format(Locale.ROOT, "$%s per %s [%d]", plain(l.price().usd()), l.price().unit(),
                    sources.indexOf(l.price()) + 1), String.format(Locale.ROOT, "$%.6f", l.usd()));
        }
        t.print(out);
        out.println();
        out.printf(Locale.ROOT, "what went in: warm tick %.1f ms and container start %.0f ms (evaluate-gates, measured), %.0f starts a day (assumed);%n",
                jvm.warmTickMs(), jvm.coldStartMs(), jvm.coldStartsPerDay());
        out.printf(Locale.ROOT, "  %.2f read and %.2f write units a tick (%s, 1 day of history); %.0f log bytes a tick (measured %.0f + Lambda's"
                        + " START/END/REPORT ≈ %d, assumed);%n", jvm.readUnitsPerTick(), jvm.writeUnitsPerTick(),
                units ? "as DynamoDB Local reported them" : "DynamoDB Local reported no capacity: one unit per call assumed",
                jvm.logBytesPerTick(), jvm.logBytesPerTick() - PLATFORM_LOG_BYTES, PLATFORM_LOG_BYTES);
        out.printf(Locale.ROOT, "  other functions: %.0f invocations a day (assumed for bench-runtime.yaml), each a container start of %.0f ms "
                + "(their measured median), %.0f RRU and %.0f WRU; %.0f bus events a day (assumed)%n", OTHER_INVOCATIONS, otherMs,
                OTHER_READ_UNITS, OTHER_WRITE_UNITS, BUS_EVENTS);
        out.println("  free tiers are left out; the alarm and the metric are billed by the hour (24 of 730 hours a month)");
        out.println();
        out.println("prices (us-east-1):");
        for (int i = 0; i < sources.size(); i++) {
            out.printf("  [%d] %s%n", i + 1, sources.get(i).source());
        }
        CostModel.Inputs nativeEstimate = new CostModel.Inputs(jvm.warmTickMs(), jvm.warmTickMs(), jvm.coldStartsPerDay(), NATIVE_MB,
                jvm.readUnitsPerTick(), jvm.writeUnitsPerTick(), jvm.logBytesPerTick(), jvm.otherInvocations(), jvm.warmTickMs(),
                jvm.otherReadUnits(), jvm.otherWriteUnits(), jvm.busEvents());
        List<CostModel.Line> idle = CostModel.idleMonth(STANDING_ALARMS, SECRETS);
        out.println();
        out.printf(Locale.ROOT, "native at %d MB (not measured here: the JVM's warm tick taken for every invocation, starts included): $%.4f per rollout-day%n",
                NATIVE_MB, CostModel.total(CostModel.rolloutDay(nativeEstimate)));
        out.printf(Locale.ROOT, "idle: $0 per rollout while no rollout is active (no schedule, no invocation, no per-rollout alarm or metric);"
                + " the stack's fixed cost $%.2f a month (%d standing alarms × $0.10 + %d secrets × $0.40; $%.2f with -c webhookSecrets=ssm)%n",
                CostModel.total(idle), STANDING_ALARMS, SECRETS, CostModel.total(CostModel.idleMonth(STANDING_ALARMS, 0)));
        double total = CostModel.total(lines);
        double unwatched = CostModel.total(lines.stream().filter(l -> !CostModel.perRolloutAlarm(l)).toList());
        out.printf(Locale.ROOT, "without the rollout's no-tick alarm and its metric (-c noTickAlarm=false), JVM at %d MB: $%.4f per rollout-day%n",
                JVM_MB, unwatched);
        out.printf(Locale.ROOT, "evaluate-gates every 5 minutes and the rest of one rollout's day, JVM at %d MB: $%.4f per rollout-day%n", JVM_MB, total);
        out.flush();
        return ExitCode.OK;
    }

    private static JsonNode coldStart(JsonNode figures, String function, String variant) {
        for (JsonNode n : figures.path("coldStarts")) {
            if (n.path("function").asText().equals(function) && n.path("package").asText().equals(variant) && !n.has("skipped")) {
                return n;
            }
        }
        return null;
    }

    /** The median container start of the functions other than evaluate-gates, measured. */
    private static double others(JsonNode figures) {
        List<Double> ms = new ArrayList<>();
        figures.path("coldStarts").forEach(n -> {
            if (!n.path("function").asText().equals("evaluate-gates") && n.has("medianFirstEventMs")) {
                ms.add(n.path("medianFirstEventMs").asDouble());
            }
        });
        if (ms.isEmpty()) {
            return coldStart(figures, "evaluate-gates", RuntimeBench.QUARKUS).path("medianFirstEventMs").asDouble();
        }
        ms.sort(Double::compare);
        return ms.get(ms.size() / 2);
    }

    private static String quantity(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 0.01 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}

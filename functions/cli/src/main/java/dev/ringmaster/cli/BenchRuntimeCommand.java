package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.bench.TargetCheck;
import dev.ringmaster.bench.runtime.ColdStart;
import dev.ringmaster.bench.runtime.RuntimeBench;
import dev.ringmaster.bench.runtime.RuntimeGoals;
import dev.ringmaster.bench.runtime.SteadyState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = {"What a tick costs in time, memory and DynamoDB calls (docs/performance.md): each function's JVM start to its",
                "first handled events/ sample (the Quarkus package beside a plain-Java floor), then evaluate-gates warm in-process",
                "over 1 h, 1 day and 7 days of history on DynamoDB Local; each figure against issue 15's goal."},
        footer = {"", "Build the functions first: mvn -o -q -pl functions/evaluate-gates,functions/advance-phase,functions/pause-store-rollout,"
                + "functions/notify-channel,functions/operate,functions/ingest-webhook -am package -DskipTests",
                "Example:", "  ./ringmaster bench runtime --json out/runtime.json"})
public class BenchRuntimeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--launches", defaultValue = "5", paramLabel = "N", description = "launches per function, median reported (default ${DEFAULT-VALUE})")
    int launches;

    @Option(names = "--warmup", defaultValue = "100", paramLabel = "N", description = "warm-up ticks per history (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--ticks", defaultValue = "300", paramLabel = "N", description = "measured ticks per history (default ${DEFAULT-VALUE})")
    int ticks;

    @Option(names = "--quick", description = "1 launch, 20 warm-up and 30 measured ticks: a smoke run, not figures to quote")
    boolean quick;

    @Option(names = "--json", paramLabel = "OUT", description = "write every figure as JSON (bench cost --runtime reads it)")
    Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (quick) {
            launches = 1;
            warmup = 20;
            ticks = 30;
        }
        for (var bad : List.of(new Object[] {"--launches", launches, 1}, new Object[] {"--warmup", warmup, 0},
                new Object[] {"--ticks", ticks, 1})) {
            if ((int) bad[1] < (int) bad[2]) {
                err.println(bad[0] + ": " + bad[1] + " must be at least " + bad[2]);
                err.flush();
                return ExitCode.BAD_INPUT;
            }
        }
        long started = System.nanoTime();
        Path logs = Path.of(System.getProperty("java.io.tmpdir"), "ringmaster-bench-runtime");
        RuntimeBench.Result r = RuntimeBench.run(new RuntimeBench.Options(Repo.root(), launches, warmup, ticks, logs), err);
        print(r, out);
        List<TargetCheck> goals = RuntimeGoals.check(r);
        out.println();
        out.println("goals (issue 15):");
        goals.forEach(c -> out.printf("  %-8s %s: %s%n", c.met() ? "met" : "NOT MET", c.goal(), c.figure()));
        out.printf("%nin %.0f s; the launched functions' logs are in %s%n", (System.nanoTime() - started) / 1e9, logs);
        if (json != null) {
            write(r, goals, json);
            out.println("results written to " + json);
        }
        out.flush();
        return ExitCode.OK;
    }

    static void print(RuntimeBench.Result r, PrintWriter out) {
        out.println();
        out.println("JVM start to first handled event (process start → response for an events/ sample; median of the launches;");
        out.println("flags " + String.join(" ", ColdStart.JVM_FLAGS) + "; DynamoDB Local and the AWS stand-ins on loopback;");
        out.println("evaluate-gates then serves 10 more ticks: WARM TICK is their median handler time, LOG/TICK their log bytes each)");
        Table t = new Table("FUNCTION", "PACKAGE", "LAUNCHES", "START→ANSWER", "PEAK RSS", "WARM TICK", "LOG/TICK", "ANSWER");
        for (ColdStart.Row row : r.coldStarts()) {
            if (row.skipped() != null) {
                t.row(row.function(), row.variant(), "0", "-", "-", "-", "-", row.skipped());
                continue;
            }
            ColdStart.Launch first = row.launches().get(0);
            double warm = row.median(ColdStart.Launch::warmTickMs);
            double log = row.median(l -> l.logBytesPerTick());
            t.row(row.function(), row.variant(), String.valueOf(row.launches().size()), ms(row.median(ColdStart.Launch::firstEventMs)),
                    String.format(Locale.ROOT, "%.0f MB", row.median(l -> l.peakRssKb()) / 1024), Double.isNaN(warm) ? "-" : ms(warm),
                    log < 0 || Double.isNaN(log) ? "-" : String.format(Locale.ROOT, "%.0f B", log),
                    (first.error() ? "error: " : "") + shorten(first.answer()));
        }
        t.print(out);
        out.println();
        out.println("evaluate-gates warm in-process (bench-runtime.yaml: last of 5 phases, 10 metrics, 5-minute samples from memory;");
        out.println("store: DynamoDbRolloutStore on DynamoDB Local; per tick; OWN = the tick less its DynamoDB calls; STORE = mean time in");
        out.println("DynamoDB calls; allocation by the ticking thread; READS/WRITES = calls, RRU/WRU = capacity units)");
        Table s = new Table("HISTORY", "SAMPLES/METRIC", "TICKS", "TICK P50", "TICK P99", "STORE", "OWN P50", "OWN P99", "DECIDE P50",
                "DECIDE P99", "ALLOC/TICK", "READS", "WRITES", "RRU", "WRU", "DECISION");
        for (SteadyState.Point p : r.curve()) {
            s.row(RuntimeGoals.label(p), String.valueOf(p.samplesPerMetric()), String.valueOf(p.ticks()), ms(p.tickP50()), ms(p.tickP99()),
                    ms(p.storeMs()), ms(p.ownP50()), ms(p.ownP99()), ms(p.decideP50()), ms(p.decideP99()), String.format(Locale.ROOT, "%,.0f KB", p.allocatedBytes() / 1024),
                    num(p.reads()), num(p.writes()), p.capacityReported() ? num(p.readUnits()) : "n/a",
                    p.capacityReported() ? num(p.writeUnits()) : "n/a", p.decision());
        }
        s.print(out);
        SteadyState.Point last = r.curve().get(r.curve().size() - 1);
        out.println("DynamoDB calls per tick (" + RuntimeGoals.label(last) + "): " + last.calls().entrySet().stream()
                .map(e -> e.getKey() + " " + num(e.getValue())).collect(Collectors.joining(", "))
                + (last.capacityReported() ? "; units as DynamoDB Local reported them (ReturnConsumedCapacity=TOTAL)" : ""));
    }

    private static void write(RuntimeBench.Result r, List<TargetCheck> goals, Path file) throws IOException {
        ObjectNode root = BenchJson.document();
        root.put("measuredAt", Instant.now().toString());
        ArrayNode starts = root.putArray("coldStarts");
        for (ColdStart.Row row : r.coldStarts()) {
            ObjectNode n = starts.addObject();
            n.put("function", row.function());
            n.put("package", row.variant());
            if (row.skipped() != null) {
                n.put("skipped", row.skipped());
                continue;
            }
            n.put("launches", row.launches().size());
            n.put("medianFirstEventMs", row.median(ColdStart.Launch::firstEventMs));
            n.put("medianPeakRssKb", row.median(l -> l.peakRssKb()));
            double warm = row.median(ColdStart.Launch::warmTickMs);
            if (!Double.isNaN(warm)) {
                n.put("medianWarmTickMs", warm);
                n.put("medianLogBytesPerTick", row.median(l -> l.logBytesPerTick()));
            }
            n.put("error", row.launches().get(0).error());
            n.put("answer", row.launches().get(0).answer());
        }
        ArrayNode curve = root.putArray("steadyState");
        for (SteadyState.Point p : r.curve()) {
            ObjectNode n = curve.addObject();
            n.put("historyHours", p.history().toHours());
            n.put("samplesPerMetric", p.samplesPerMetric());
            n.put("ticks", p.ticks());
            n.put("tickP50Ms", p.tickP50());
            n.put("tickP99Ms", p.tickP99());
            n.put("storeMsPerTick", p.storeMs());
            n.put("ownP50Ms", p.ownP50());
            n.put("ownP99Ms", p.ownP99());
            n.put("decideP50Ms", p.decideP50());
            n.put("decideP99Ms", p.decideP99());
            n.put("allocatedBytesPerTick", p.allocatedBytes());
            n.put("readsPerTick", p.reads());
            n.put("writesPerTick", p.writes());
            n.put("readUnitsPerTick", p.readUnits());
            n.put("writeUnitsPerTick", p.writeUnits());
            n.put("capacityReported", p.capacityReported());
            ObjectNode calls = n.putObject("callsPerTick");
            p.calls().forEach(calls::put);
            n.put("decision", p.decision());
        }
        BenchJson.checks(root, "goals", goals);
        BenchJson.write(root, file);
    }

    private static String shorten(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 90 ? one.substring(0, 87) + "…" : one;
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.2f ms", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

package dev.ringmaster.bench.runtime;

import dev.ringmaster.bench.TargetCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Issue 15's runtime goals against a run's figures. */
public final class RuntimeGoals {
    /** A curve grows when its 7-day figure is more than this many times its 1-hour figure. */
    static final double GROWS = 1.5;

    private RuntimeGoals() {
    }

    public static List<TargetCheck> check(RuntimeBench.Result r) {
        List<TargetCheck> out = new ArrayList<>();
        List<SteadyState.Point> curve = r.curve();
        SteadyState.Point first = curve.get(0);
        SteadyState.Point last = curve.get(curve.size() - 1);
        double decideP99 = curve.stream().mapToDouble(SteadyState.Point::decideP99).max().orElse(Double.NaN);
        out.add(new TargetCheck("decision", "decision ≤ 5 ms p99 in-process",
                String.format(Locale.ROOT, "DecisionEngine.decide p99 %.2f ms at worst; at %s of history the tick's own work p99 %.1f ms,"
                        + " the tick on DynamoDB Local p99 %.1f ms", decideP99, label(last), last.ownP99(), last.tickP99()), decideP99 <= 5));
        r.coldStarts().stream().filter(row -> row.function().equals("evaluate-gates") && row.variant().equals(RuntimeBench.QUARKUS))
                .findFirst().ifPresent(row -> {
                    if (row.skipped() != null) {
                        out.add(new TargetCheck("start", "JVM start to first decision ≤ 1 s", "not measured: " + row.skipped(), false));
                    } else {
                        double ms = row.median(ColdStart.Launch::firstEventMs);
                        out.add(new TargetCheck("start", "JVM start to first decision ≤ 1 s",
                                String.format(Locale.ROOT, "evaluate-gates (Quarkus JVM) %.0f ms, median of %d", ms, row.launches().size()),
                                ms <= 1000));
                    }
                });
        double reads = curve.stream().mapToDouble(SteadyState.Point::reads).max().orElse(Double.NaN);
        double writes = curve.stream().mapToDouble(SteadyState.Point::writes).max().orElse(Double.NaN);
        out.add(new TargetCheck("dynamodb", "≤ 2 DynamoDB writes and ≤ 2 reads per tick",
                String.format(Locale.ROOT, "%.2f reads and %.2f writes per tick at most", reads, writes), reads <= 2 && writes <= 2));
        out.add(flat("tick's own work p50", first.ownP50(), last.ownP50(), last));
        out.add(flat("decision time p50", first.decideP50(), last.decideP50(), last));
        out.add(flat("allocation per tick", first.allocatedBytes(), last.allocatedBytes(), last));
        return out;
    }

    static TargetCheck flat(String what, double hour, double week, SteadyState.Point last) {
        double ratio = week / hour;
        return new TargetCheck("flat", "flat in history: " + what,
                String.format(Locale.ROOT, "%s: %s / 1 h = %.2f", ratio > GROWS ? "grows" : "flat", label(last), ratio), ratio <= GROWS);
    }

    public static String label(SteadyState.Point p) {
        long hours = p.history().toHours();
        return hours % 24 == 0 ? hours / 24 + " d" : hours + " h";
    }
}

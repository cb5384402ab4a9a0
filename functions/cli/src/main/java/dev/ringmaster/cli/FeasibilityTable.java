package dev.ringmaster.cli;

import dev.ringmaster.sim.feasibility.Row;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** The feasibility rows as validate and simulate print them. */
final class FeasibilityTable {
    private FeasibilityTable() {
    }

    /**
     * @param measured extra cells per row (simulate: what the runs took), or null
     * @param missing  how to supply a missing healthy value for a metric (validate: its option)
     */
    static void print(List<Row> rows, List<String> measured, String measuredHeader, Function<String, String> missing, PrintWriter out) {
        Table t = measured == null
                ? new Table("PHASE", "GATE", "TIME TO PASS", "P99", "SOAK / MAXSOAK", "EXPOSURE TO ×2", "VERDICT")
                : new Table("PHASE", "GATE", "TIME TO PASS", "P99", measuredHeader, "SOAK / MAXSOAK", "EXPOSURE TO ×2", "VERDICT");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String verdict = r.verdict() + (r.status() == Row.Status.NO_HEALTHY ? missing.apply(r.metric()) : "");
            if (measured == null) {
                t.row(r.phase(), r.gate(), r.timeToPass(), r.p99Column(), r.soakColumn(), r.exposureColumn(), verdict);
            } else {
                t.row(r.phase(), r.gate(), r.timeToPass(), r.p99Column(), measured.get(i), r.soakColumn(), r.exposureColumn(), verdict);
            }
        }
        t.print(out);
        out.println("time to PASS: the median healthy run; P99: 99 % of them PASS by then (decidable needs it within the soak);"
                + " exposure: the mean canary sessions until a ×2 build FAILs (the median time)");
        long warnings = rows.stream().filter(Row::warns).count();
        if (warnings > 0) {
            out.println(warnings + (warnings == 1 ? " gate" : " gates") + " cannot be decided in time: a warning, not an error");
        }
    }
}

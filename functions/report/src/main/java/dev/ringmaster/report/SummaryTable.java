package dev.ringmaster.report;

import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.SimulationSummary;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The Monte Carlo figures, and the example run's own, as an HTML table rendered on the server: readable without script. */
final class SummaryTable {
    private SummaryTable() {
    }

    static String html(SimulationSummary s) {
        SimulationRun example = s.example();
        StringBuilder out = new StringBuilder("<table class=\"summary\">\n");
        row(out, "runs", Integer.toString(s.runs()));
        // Sorted by name: a summary may carry any map, and two reports of the same figures should read alike.
        row(out, "outcomes", new TreeMap<>(s.outcomes()).entrySet().stream().map(SummaryTable::outcome).collect(Collectors.joining(" · ")));
        row(out, "median hours to outcome", String.format(Locale.ROOT, "%.1f h", s.medianHoursToOutcome()));
        row(out, "mean users exposed to a bad build", String.format(Locale.ROOT, "%,.0f", s.meanUsersExposedToBadBuild()));
        row(out, "false-halt rate", percent(s.falseHaltRate()));
        row(out, "missed-bad rate", percent(s.missedBadRate()));
        row(out, "example run", String.format(Locale.ROOT, "seed %d · %s build · %s after %.1f h", example.seed(),
                example.bad() ? "bad" : "healthy", example.outcome(), example.hours()));
        row(out, "target at the end", example.targetState());
        return out.append("</table>\n").toString();
    }

    private static String outcome(Map.Entry<String, Integer> e) {
        return e.getKey() + " " + e.getValue();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(Escape.html(name)).append("</th><td>").append(Escape.html(value)).append("</td></tr>\n");
    }
}

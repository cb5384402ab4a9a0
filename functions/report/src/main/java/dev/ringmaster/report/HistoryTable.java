package dev.ringmaster.report;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.sim.SimulationRun;
import java.time.Duration;
import java.util.Locale;

/** The example run's stored history as an HTML table; every field is data, so every field is escaped. */
final class HistoryTable {
    private HistoryTable() {
    }

    static String html(SimulationRun run) {
        StringBuilder out = new StringBuilder("<table class=\"history\">\n<thead><tr><th>time</th><th>kind</th><th>what</th>"
                + "<th>phase</th><th>operator</th><th>reasons</th></tr></thead>\n<tbody>\n");
        for (HistoryEntry e : run.history()) {
            double hours = Duration.between(run.start(), e.at()).toMillis() / 3_600_000.0;
            out.append("<tr><td class=\"time\">").append(String.format(Locale.ROOT, "+%.2f h", hours))
                    .append("<br><small>").append(Escape.html(e.at().toString())).append("</small></td>")
                    .append(cell(e.kind().name()))
                    .append(cell(e.what()))
                    .append(cell(e.phase()))
                    .append(cell(e.operator()))
                    .append("<td><ul>");
            e.reasons().forEach(r -> out.append("<li>").append(Escape.html(r)).append("</li>"));
            out.append("</ul></td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** Phase and operator may be absent (a command before any phase): an empty cell, not "null". */
    private static String cell(String text) {
        return "<td>" + (text == null ? "" : Escape.html(text)) + "</td>";
    }
}

package dev.ringmaster.report.bench;

import dev.ringmaster.bench.BenchResult;
import dev.ringmaster.bench.TargetCheck;
import dev.ringmaster.report.Escape;
import java.util.List;
import java.util.Locale;

/** The targets and every result as HTML tables rendered on the server: readable without script, every text escaped. */
final class BenchTables {
    /** Shown where the benchmark wrote NaN: the figure does not apply to this scenario. */
    static final String NOT_APPLICABLE = "–";

    private BenchTables() {
    }

    static String targets(List<TargetCheck> targets) {
        if (targets.isEmpty()) {
            return "<p class=\"note\">No targets were checked.</p>\n";
        }
        long met = targets.stream().filter(TargetCheck::met).count();
        StringBuilder out = new StringBuilder("<p class=\"note\">").append(met).append(" of ").append(targets.size())
                .append(" targets met.</p>\n<table class=\"targets\">\n<thead><tr><th>status</th><th>target</th><th>goal</th>"
                        + "<th>figure</th></tr></thead>\n<tbody>\n");
        for (TargetCheck t : targets) {
            out.append("<tr class=\"").append(t.met() ? "met" : "not-met").append("\"><td class=\"status\">")
                    .append(t.met() ? "met" : "NOT MET").append("</td><td>").append(Escape.html(t.name())).append("</td><td>")
                    .append(Escape.html(t.goal())).append("</td><td>").append(Escape.html(t.figure())).append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    static String results(BenchModel model) {
        StringBuilder out = new StringBuilder();
        for (String scenario : model.scenarios) {
            boolean bad = model.bad(scenario);
            out.append("<h3>").append(Escape.html(scenario)).append(" <span class=\"kind ").append(bad ? "bad" : "healthy")
                    .append("\">").append(bad ? "bad build" : "healthy build").append("</span></h3>\n")
                    .append("<table class=\"results\">\n<thead><tr><th>traffic</th><th>policy</th><th>runs</th><th>false-halt</th>"
                            + "<th>paused</th><th>missed-bad</th><th>mean exposure</th><th>p95 exposure</th>"
                            + "<th>median hours to 100 %</th><th>median ticks</th></tr></thead>\n<tbody>\n");
            String previous = null;
            for (BenchResult r : model.rows(scenario)) {
                boolean first = !r.traffic().equals(previous);
                previous = r.traffic();
                out.append("<tr").append(first ? " class=\"group\"" : "").append("><td>").append(Escape.html(r.traffic()))
                        .append("</td><td>").append(Escape.html(r.policy())).append("</td>")
                        .append(number(Integer.toString(r.runs())))
                        .append(number(percent(r.falseHaltRate())))
                        .append(number(percent(r.pausedRate())))
                        .append(number(percent(r.missedBadRate())))
                        .append(number(sessions(r.meanExposure())))
                        .append(number(sessions(r.p95Exposure())))
                        .append(number(format("%.1f h", r.medianHoursTo100())))
                        .append(number(format(r.medianTicks() == Math.rint(r.medianTicks()) ? "%.0f" : "%.1f", r.medianTicks())))
                        .append("</tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        return out.toString();
    }

    static String percent(double share) {
        return Double.isNaN(share) ? NOT_APPLICABLE : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String sessions(double value) {
        return format("%,.0f", value);
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? NOT_APPLICABLE : String.format(Locale.ROOT, pattern, value);
    }

    private static String number(String text) {
        return NOT_APPLICABLE.equals(text) ? "<td class=\"num na\" title=\"does not apply\">" + NOT_APPLICABLE + "</td>"
                : "<td class=\"num\">" + Escape.html(text) + "</td>";
    }
}

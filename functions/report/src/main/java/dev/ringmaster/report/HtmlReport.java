package dev.ringmaster.report;

import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.SimulationSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A self-contained HTML page of a simulation: the Monte Carlo figures, the example run's audience and
 * evidence drawn with Chart.js, and its history. Chart.js, the page's script and its data are all inlined,
 * so the page opens offline and from an attachment.
 */
public final class HtmlReport {
    static final String CHART_JS_VERSION = "4.4.1";
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.js";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
    /** Licence banners (Chart.js and the colour library it bundles) keep their credit lines, minus the links. */
    private static final Pattern BANNER = Pattern.compile("/\\*!.*?\\*/", Pattern.DOTALL);
    private static final Pattern URL_SCHEME = Pattern.compile("https?://");
    /** Tools would fetch the source map from beside the page, where it is not. */
    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//# sourceMappingURL=.*$");

    private HtmlReport() {
    }

    public static String render(SimulationSummary summary) {
        SimulationRun example = summary.example();
        String title = "ringmaster simulation · " + summary.plan() + " · " + summary.scenario() + " · " + example.outcome();
        Map<String, String> slots = Map.of(
                "title", Escape.html(title),
                "plan", Escape.html(summary.plan()),
                "scenario", Escape.html(summary.scenario()),
                "outcome", Escape.html(example.outcome().name()),
                "css", resource("report/report.css"),
                "summary", SummaryTable.html(summary),
                "history", HistoryTable.html(example),
                "data", ReportData.json(summary),
                "chartjs", Escape.scriptBody(chartJs()),
                "script", Escape.scriptBody(resource("report/render.js") + resource("report/report.js")));
        return fill(resource("report/page.html"), slots);
    }

    public static void write(SimulationSummary summary, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(out, render(summary), StandardCharsets.UTF_8);
    }

    /** One pass over the template only, so text that data brings in is never read as a slot. */
    public static String fill(String template, Map<String, String> slots) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256 * 1024);
        while (m.find()) {
            String value = slots.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("report template names an unknown slot: " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String chartJs() {
        String source = SOURCE_MAP.matcher(resource(CHART_JS)).replaceAll("");
        // The page names no outside address, not even in a comment: a reader may be offline or filtered.
        return BANNER.matcher(source).replaceAll(m -> Matcher.quoteReplacement(URL_SCHEME.matcher(m.group()).replaceAll("")));
    }

    public static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + " from the classpath", e);
        }
    }
}

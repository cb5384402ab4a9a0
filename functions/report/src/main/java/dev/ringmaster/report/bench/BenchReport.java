package dev.ringmaster.report.bench;

import dev.ringmaster.bench.BenchResult;
import dev.ringmaster.bench.TargetCheck;
import dev.ringmaster.report.Escape;
import dev.ringmaster.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page of one decision-quality benchmark: the GATES.md targets, the false-halt versus
 * exposure trade-off per traffic level, the exposure distributions per bad scenario, and every result as a
 * table. Chart.js, the page's script and its data are inlined (through the simulation report's helpers), so the
 * page opens offline; the tables are rendered here, so they read without script.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static String render(List<BenchResult> results, List<TargetCheck> targets, String title) {
        BenchModel model = new BenchModel(results);
        Map<String, String> slots = Map.of(
                "title", Escape.html(title),
                "subtitle", Escape.html(model.subtitle()),
                "css", HtmlReport.resource("report/report.css") + HtmlReport.resource("report/bench/bench.css"),
                "targets", BenchTables.targets(targets),
                "results", BenchTables.results(model),
                "data", BenchData.json(model, title),
                "chartjs", Escape.scriptBody(HtmlReport.chartJs()),
                "script", Escape.scriptBody(HtmlReport.resource("report/render.js") + HtmlReport.resource("report/bench/bench.js")));
        return HtmlReport.fill(HtmlReport.resource("report/bench/page.html"), slots);
    }

    public static void write(List<BenchResult> results, List<TargetCheck> targets, String title, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(out, render(results, targets, title), StandardCharsets.UTF_8);
    }
}

package dev.ringmaster.report.bench;

import dev.ringmaster.report.Chromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens a written benchmark report in headless Chromium: the page's script must have drawn every chart (one
 * trade-off per traffic level, one distribution per bad scenario) with no error. Leaves the page and a
 * screenshot in target/bench-report-chromium for a person to look at.
 */
class BenchReportRendersInChromiumTest {
    private static final Path DIR = Path.of("target", "bench-report-chromium").toAbsolutePath();

    private static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.ABSENT);
        report = DIR.resolve("bench.html");
        BenchReport.write(SyntheticBench.results(), SyntheticBench.targets("0.95× (1,234 vs 1,300 sessions) <script>alert(1)</script>"),
                "ringmaster decision-quality benchmark · synthetic", report);
    }

    @Test
    void everyChartRendersWithoutError() throws Exception {
        Chromium.assertChartsRendered(report, DIR, SyntheticBench.CHARTS);
    }

    @Test
    void screenshotShowsThePage() throws Exception {
        Chromium.assertScreenshot(report, DIR.resolve("bench.png"), "1400,3000");
    }
}

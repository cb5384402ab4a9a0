package dev.ringmaster.report;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens a written report in headless Chromium: the page's script must have drawn every chart (one for the
 * audience, one per criterion) with no error. Leaves the page and a screenshot in target/report-chromium
 * for a person to look at.
 */
class ReportRendersInChromiumTest {
    private static final Path DIR = Path.of("target", "report-chromium").toAbsolutePath();
    private static final int CHARTS = 1 + 2;

    private static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.ABSENT);
        report = DIR.resolve("report.html");
        HtmlReport.write(SyntheticSummary.with("every gate PASS <script>alert(1)</script>"), report);
    }

    @Test
    void everyChartRendersWithoutError() throws Exception {
        Chromium.assertChartsRendered(report, DIR, CHARTS);
    }

    @Test
    void screenshotShowsThePage() throws Exception {
        Chromium.assertScreenshot(report, DIR.resolve("report.png"), "1400,2400");
    }
}

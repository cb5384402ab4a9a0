package dev.ringmaster.report.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.report.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

    private static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        Assumptions.assumeTrue(Chromium.find(DIR).isPresent(), "headless Chromium not available: install the Debian package chromium");
        report = DIR.resolve("bench.html");
        BenchReport.write(SyntheticBench.results(), SyntheticBench.targets("0.95× (1,234 vs 1,300 sessions) <script>alert(1)</script>"),
                "ringmaster decision-quality benchmark · synthetic", report);
    }

    @Test
    void everyChartRendersWithoutError() throws Exception {
        String dom = Chromium.run(List.of("--virtual-time-budget=10000", "--dump-dom", report.toUri().toString()), DIR, "dump-dom", LIMIT);
        Matcher body = BODY.matcher(dom);
        assertTrue(body.find(), "chromium printed a DOM with a body; see " + DIR.resolve("dump-dom.err"));
        String attributes = body.group(1);
        assertFalse(attributes.contains("data-chart-error"), "a chart failed: " + attributes);
        assertTrue(attributes.contains("data-charts-rendered=\"" + SyntheticBench.CHARTS + "\""),
                "expected " + SyntheticBench.CHARTS + " charts: " + attributes);
        assertEquals(SyntheticBench.CHARTS, BenchReportTest.count(dom, "<canvas"), "one canvas per chart");
    }

    @Test
    void screenshotShowsThePage() throws Exception {
        Path png = DIR.resolve("bench.png");
        Files.deleteIfExists(png);
        Chromium.run(List.of("--virtual-time-budget=10000", "--hide-scrollbars", "--window-size=1400,3000", "--screenshot=" + png,
                report.toUri().toString()), DIR, "screenshot", LIMIT);
        assertTrue(Files.exists(png), "chromium wrote a screenshot; see " + DIR.resolve("screenshot.err"));
        assertTrue(Files.size(png) > 50_000, "a drawn page is more than a blank image: " + Files.size(png) + " bytes");
    }
}

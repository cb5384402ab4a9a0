package dev.ringmaster.report.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.bench.BenchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static final String HOSTILE = "1.20× <script>alert('x')</script> & <!-- done";
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL);

    private final String html = BenchReport.render(SyntheticBench.results(), SyntheticBench.targets(HOSTILE), "ringmaster benchmark · seed 1");

    @Test
    void inlinesChartJs() {
        assertTrue(html.contains("Chart.js v4."), "the Chart.js banner is in the page");
        assertTrue(html.contains("window.Chart="), "the Chart.js UMD body is in the page");
        assertFalse(html.contains("sourceMappingURL"), "no source map that is not beside the page");
        assertTrue(html.contains("data-charts-rendered") || html.contains("dataset.chartsRendered"), "the page marks when drawn");
    }

    @Test
    void namesNoOutsideAddress() {
        assertFalse(html.contains("http://"), "no http:// in the page");
        assertFalse(html.contains("https://"), "no https:// in the page");
        assertFalse(Pattern.compile("(src|href)=\"").matcher(html).find(), "nothing loaded from beside the page either");
    }

    @Test
    void titleIsEscapedInTitleAndHeading() {
        String page = BenchReport.render(SyntheticBench.results(), List.of(), "bench <b>&</b>");
        assertTrue(page.contains("<title>bench &lt;b&gt;&amp;&lt;/b&gt;</title>"));
        assertTrue(page.contains("<h1>bench &lt;b&gt;&amp;&lt;/b&gt;</h1>"));
        assertTrue(page.contains("No targets were checked."));
    }

    @Test
    void targetsTableShowsEveryCheck() {
        String table = section(html, "<table class=\"targets\">");
        assertEquals(1 + 3, count(table, "<tr"), "header and three targets");
        assertTrue(table.contains("<tr class=\"not-met\"><td class=\"status\">NOT MET</td><td>false-halt</td>"));
        assertTrue(table.contains("<tr class=\"met\"><td class=\"status\">met</td><td>missed-bad</td><td>≤ 1 % for ×2 and worse</td>"));
        assertTrue(html.contains("2 of 3 targets met."));
    }

    @Test
    void dataBlockIsJsonWithEveryResultAndChart() throws Exception {
        JsonNode data = data(html);
        assertEquals(SyntheticBench.RESULTS, data.get("results").size());
        assertEquals(List.of("small", "medium", "large"), strings(data.get("traffic")));
        assertEquals(SyntheticBench.POLICIES, strings(data.get("policies")));
        assertEquals(SyntheticBench.TRAFFIC.size(), data.get("tradeOff").size());
        assertEquals(SyntheticBench.BAD.size(), data.get("distributions").size());
        assertEquals(SyntheticBench.BAD, strings(data.get("distributions").findValues("scenario")));
        assertTrue(data.get("results").get(0).get("missedBadRate").isNull(), "NaN (does not apply) is written as null");
    }

    @Test
    void tradeOffPointIsWorstFalseHaltAgainstCrashX2Exposure() throws Exception {
        JsonNode medium = data(html).get("tradeOff").get(1);
        assertEquals("medium", medium.get("traffic").asText());
        assertEquals(4, medium.get("points").size());
        JsonNode naive = medium.get("points").get(0);
        assertEquals("naive", naive.get("policy").asText());
        assertEquals(23, naive.get("x").asDouble(), 1e-9, "worst of healthy 22 % and outage-healthy 23 %, in percent");
        BenchResult crash = find("crash-x2", "medium", "naive");
        assertEquals(crash.meanExposure(), naive.get("y").asDouble(), 1e-6);
    }

    @Test
    void distributionHasMinMedianMeanP95PerPolicyAndTraffic() throws Exception {
        JsonNode crash5 = data(html).get("distributions").get(1);
        assertEquals("crash-x5", crash5.get("scenario").asText());
        JsonNode ringmasterLarge = crash5.get("series").get(2).get("values").get(2);
        BenchResult r = find("crash-x5", "large", "ringmaster");
        assertEquals(r.exposures().get(0), ringmasterLarge.get("min").asDouble(), 1e-6);
        assertEquals(r.exposures().get(99), ringmasterLarge.get("median").asDouble(), 1e-6, "nearest rank: the 100th of 200");
        assertEquals(r.p95Exposure(), ringmasterLarge.get("p95").asDouble(), 1e-6);
        assertEquals(r.exposures().get(199), ringmasterLarge.get("max").asDouble(), 1e-6);
        assertFalse(html.contains("\"exposures\""), "the raw per-run exposures stay out of the page");
    }

    @Test
    void resultsTableHasEveryRowPerScenario() {
        String all = html.substring(html.indexOf("<h2>All results</h2>"));
        assertEquals(5, count(all, "<table class=\"results\">"), "one table per scenario");
        assertEquals(SyntheticBench.RESULTS + 5, count(all, "<tr"), "a header and twelve rows per scenario");
        String crash = section(all.substring(all.indexOf("<h3>crash-x2 ")), "<table class=\"results\">");
        assertTrue(crash.contains("<td>large</td><td>sustained</td><td class=\"num\">200</td>"
                + "<td class=\"num na\" title=\"does not apply\">–</td><td class=\"num\">0.0 %</td><td class=\"num\">4.0 %</td>"), crash);
        String healthy = section(all, "<table class=\"results\">");
        assertTrue(healthy.contains("<td>small</td><td>naive</td><td class=\"num\">200</td><td class=\"num\">22.0 %</td>"), healthy);
        assertTrue(healthy.contains("<td class=\"num\">48.0 h</td><td class=\"num\">576</td>"), healthy);
    }

    @Test
    void hostileTextCannotBreakThePage() throws Exception {
        List<BenchResult> results = new ArrayList<>(SyntheticBench.results());
        BenchResult r = results.get(0);
        results.set(0, new BenchResult("healthy " + HOSTILE, r.traffic(), r.policy(), r.runs(), r.falseHaltRate(), r.pausedRate(),
                r.missedBadRate(), r.meanExposure(), r.p95Exposure(), r.medianHoursTo100(), r.medianTicks(), r.exposures()));
        String page = BenchReport.render(results, SyntheticBench.targets(HOSTILE), HOSTILE);
        assertFalse(page.contains("<script>alert"), "no live script tag from data");
        assertFalse(page.contains("<!-- done"), "no comment opener from data");
        assertTrue(page.contains("<td>1.20× &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;!-- done</td>"), "targets show it escaped");
        assertEquals(3, count(page, "</script>"), "data, Chart.js and the page's script: no more script elements");
        assertEquals(count(page, "<script"), count(page, "</script>"));
        JsonNode data = data(page);
        assertEquals(HOSTILE, data.get("title").asText(), "the data keeps the text as it was");
        assertEquals("healthy " + HOSTILE, data.get("results").get(0).get("scenario").asText());
    }

    @Test
    void writeCreatesTheFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/bench.html");
        BenchReport.write(SyntheticBench.results(), SyntheticBench.targets(HOSTILE), "ringmaster benchmark · seed 1", out);
        assertEquals(html, Files.readString(out));
    }

    static JsonNode data(String page) throws Exception {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "the page has a data block");
        return new ObjectMapper().readTree(m.group(1));
    }

    private static BenchResult find(String scenario, String traffic, String policy) {
        return SyntheticBench.results().stream()
                .filter(r -> r.scenario().equals(scenario) && r.traffic().equals(traffic) && r.policy().equals(policy)).findFirst().orElseThrow();
    }

    private static List<String> strings(Iterable<JsonNode> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** From the first {@code start} to the end of its table. */
    private static String section(String text, String start) {
        String from = text.substring(text.indexOf(start));
        return from.substring(0, from.indexOf("</table>"));
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

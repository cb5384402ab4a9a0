package dev.ringmaster.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final String HOSTILE = "canary ok <script>alert('x')</script> & <!-- done";
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL);

    private final String html = HtmlReport.render(SyntheticSummary.with("every gate PASS"));

    @Test
    void inlinesChartJs() {
        assertTrue(html.contains("Chart.js v" + HtmlReport.CHART_JS_VERSION), "the Chart.js banner is in the page");
        assertTrue(html.contains("window.Chart="), "the Chart.js UMD body is in the page");
        assertFalse(html.contains("sourceMappingURL"), "no source map that is not beside the page");
    }

    @Test
    void titleNamesPlanScenarioAndOutcome() {
        Matcher title = Pattern.compile("<title>(.*)</title>").matcher(html);
        assertTrue(title.find());
        assertTrue(title.group(1).contains("android-staged") && title.group(1).contains("bad-2x") && title.group(1).contains("HALTED"),
                title.group(1));
    }

    @Test
    void summaryTableHasTheMonteCarloFigures() {
        for (String figure : new String[] {"<td>200</td>", "COMPLETED 20 · HALTED 180", "15.5 h", "98,765", "0.0 %", "10.0 %"}) {
            assertTrue(html.contains(figure), "summary shows " + figure);
        }
    }

    @Test
    void dataBlockIsJsonWithEveryPoint() throws Exception {
        JsonNode data = data(html);
        assertEquals(SyntheticSummary.TICKS, data.get("audience").size());
        assertEquals(SyntheticSummary.DECISIONS, data.get("decisions").size());
        assertEquals(2, data.get("criteria").size());
        assertEquals("crash_rate", data.get("criteria").get(0).get("name").asText(), "criteria sorted by name");
        for (JsonNode criterion : data.get("criteria")) {
            assertEquals(SyntheticSummary.TICKS, criterion.get("points").size());
        }
        JsonNode first = data.get("criteria").get(0).get("points").get(0);
        assertTrue(first.get("estimate").isNull(), "NaN is written as null, a gap in the chart");
        assertTrue(data.get("criteria").get(0).get("points").get(2).get("upper").isNull(), "an infinite edge is a gap too");
        JsonNode advance = data.get("decisions").get(1);
        assertEquals(5, advance.get("x").asDouble(), 1e-9, "hours since start");
        assertEquals(10, advance.get("y").asDouble(), 1e-9, "a decision sits on the audience at its time");
    }

    @Test
    void namesNoOutsideAddress() {
        assertFalse(html.contains("http://"), "no http:// in the page");
        assertFalse(html.contains("https://"), "no https:// in the page");
    }

    @Test
    void hostileTextInReasonsCannotBreakThePage() throws Exception {
        String page = HtmlReport.render(SyntheticSummary.with(HOSTILE));
        assertFalse(page.contains("<script>alert"), "no live script tag from data");
        assertFalse(page.contains("<!-- done"), "no comment opener from data");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;!-- done"), "the history shows it escaped");
        assertEquals(count(page, "<script"), count(page, "</script>"), "every script element is closed by its own end tag");
        assertEquals(3, count(page, "</script>"), "data, Chart.js and the page's script: no more script elements");
        assertTrue(data(page).get("decisions").get(1).get("summary").asText().endsWith(HOSTILE), "the data keeps the text as it was");
    }

    @Test
    void historyTableHasEveryEntry() {
        String table = html.substring(html.indexOf("<table class=\"history\">"));
        assertEquals(SyntheticSummary.HISTORY + 1, count(table.substring(0, table.indexOf("</table>")), "<tr>"), "header and five entries");
        assertTrue(table.contains("<td>canary → early</td>"));
        assertTrue(table.contains("+5.00 h"));
    }

    @Test
    void writeCreatesTheFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/report.html");
        HtmlReport.write(SyntheticSummary.with("every gate PASS"), out);
        assertEquals(html, Files.readString(out));
    }

    private static JsonNode data(String page) throws Exception {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "the page has a data block");
        return new ObjectMapper().readTree(m.group(1));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

package dev.ringmaster.report.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.bench.BenchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the page's script draws, from plain maps and lists. The charts' figures are computed here (worst
 * false-halt per policy, exposure quantiles) so the script only draws. The per-run exposures themselves stay out:
 * hundreds of thousands of numbers would weigh megabytes for a chart that shows five of them per bar.
 */
final class BenchData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchData() {
    }

    /** Safe inside a script element: every {@code <} (only ever inside JSON strings) is its unicode escape. */
    static String json(BenchModel model, String title) {
        try {
            return JSON.writeValueAsString(model(model, title)).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark report data is plain maps and lists, yet did not serialise", e);
        }
    }

    static Map<String, Object> model(BenchModel model, String title) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("tradeOffScenario", BenchModel.TRADE_OFF_SCENARIO);
        data.put("traffic", model.traffic);
        data.put("policies", model.policies);
        data.put("tradeOff", tradeOff(model));
        data.put("distributions", distributions(model));
        data.put("results", results(model));
        return data;
    }

    /**
     * Per traffic level, one point per policy that has both figures. A log axis has no place for zero or less:
     * such a point is listed under {@code offScale} and named under the chart instead of drawn.
     */
    private static List<Map<String, Object>> tradeOff(BenchModel model) {
        List<Map<String, Object>> charts = new ArrayList<>();
        for (String traffic : model.traffic) {
            List<Map<String, Object>> points = new ArrayList<>();
            List<String> offScale = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String policy : model.policies) {
                double x = model.worstFalseHalt(policy, traffic);
                double y = model.find(BenchModel.TRADE_OFF_SCENARIO, traffic, policy).map(BenchResult::meanExposure).orElse(Double.NaN);
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    missing.add(policy);
                } else if (y <= 0) {
                    offScale.add(policy);
                } else {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("policy", policy);
                    point.put("x", x * 100);
                    point.put("y", y);
                    points.add(point);
                }
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("traffic", traffic);
            chart.put("points", points);
            chart.put("offScale", offScale);
            chart.put("missing", missing);
            charts.add(chart);
        }
        return charts;
    }

    /** Per bad scenario: per policy, one entry per traffic level (null where that cell was not run). */
    private static List<Map<String, Object>> distributions(BenchModel model) {
        List<Map<String, Object>> charts = new ArrayList<>();
        for (String scenario : model.badScenarios()) {
            List<Map<String, Object>> series = new ArrayList<>();
            for (String policy : model.policies) {
                List<Map<String, Object>> values = new ArrayList<>();
                for (String traffic : model.traffic) {
                    values.add(model.find(scenario, traffic, policy).map(BenchModel::spread).orElse(null));
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("policy", policy);
                s.put("values", values);
                series.add(s);
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("scenario", scenario);
            chart.put("series", series);
            charts.add(chart);
        }
        return charts;
    }

    private static List<Map<String, Object>> results(BenchModel model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchResult r : model.results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", r.scenario());
            row.put("traffic", r.traffic());
            row.put("policy", r.policy());
            row.put("runs", r.runs());
            row.put("falseHaltRate", finite(r.falseHaltRate()));
            row.put("pausedRate", finite(r.pausedRate()));
            row.put("missedBadRate", finite(r.missedBadRate()));
            row.put("meanExposure", finite(r.meanExposure()));
            row.put("p95Exposure", finite(r.p95Exposure()));
            row.put("medianHoursTo100", finite(r.medianHoursTo100()));
            row.put("medianTicks", finite(r.medianTicks()));
            rows.add(row);
        }
        return rows;
    }

    /** NaN ("does not apply") becomes null: JSON has no NaN. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

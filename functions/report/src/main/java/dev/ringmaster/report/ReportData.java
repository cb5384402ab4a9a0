package dev.ringmaster.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.sim.SimulationRun;
import dev.ringmaster.sim.SimulationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The example run as the JSON the page's script draws: times as hours since the start (a linear axis
 * needs no date adapter), built from plain maps and lists so Jackson needs no reflection over records.
 */
final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportData() {
    }

    /**
     * The JSON for the page's data block, safe inside a script element: every {@code <} (which JSON has only
     * inside strings) is written as its JSON unicode escape, so no {@code </script>} or {@code <!--} in the data can
     * end or confuse the element.
     */
    static String json(SimulationSummary summary) {
        try {
            return JSON.writeValueAsString(model(summary.example())).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is plain maps and lists, yet did not serialise", e);
        }
    }

    static Map<String, Object> model(SimulationRun run) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan", run.plan());
        data.put("scenario", run.scenario());
        data.put("outcome", run.outcome().name());
        data.put("hours", run.hours());
        data.put("audience", audience(run));
        data.put("decisions", decisions(run));
        data.put("criteria", criteria(run));
        return data;
    }

    private static List<Map<String, Object>> audience(SimulationRun run) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (SimulationRun.AudiencePoint p : run.audience()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("x", hours(run.start(), p.at()));
            point.put("y", p.percent());
            point.put("phase", p.phase());
            points.add(point);
        }
        return points;
    }

    /** Each decision sits on the audience line at its time, so the marks read against the step they caused. */
    private static List<Map<String, Object>> decisions(SimulationRun run) {
        List<Map<String, Object>> marks = new ArrayList<>();
        for (SimulationRun.DecisionMark d : run.decisions()) {
            Map<String, Object> mark = new LinkedHashMap<>();
            mark.put("x", hours(run.start(), d.at()));
            mark.put("y", audienceAt(run, d.at()));
            mark.put("decision", d.decision());
            mark.put("phase", d.phase());
            mark.put("summary", d.summary());
            marks.add(mark);
        }
        return marks;
    }

    private static double audienceAt(SimulationRun run, Instant at) {
        double percent = 0;
        for (SimulationRun.AudiencePoint p : run.audience()) {
            if (p.at().isAfter(at)) {
                break;
            }
            percent = p.percent();
        }
        return percent;
    }

    /** Sorted by name: the run keeps its criteria in an unordered map, and the page should not reshuffle. */
    private static List<Map<String, Object>> criteria(SimulationRun run) {
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (Map.Entry<String, List<SimulationRun.MetricPoint>> e : new TreeMap<>(run.metrics()).entrySet()) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (SimulationRun.MetricPoint p : e.getValue()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("x", hours(run.start(), p.at()));
                point.put("estimate", finite(p.estimate()));
                point.put("lower", finite(p.lower()));
                point.put("upper", finite(p.upper()));
                point.put("bound", finite(p.bound()));
                point.put("verdict", p.verdict());
                points.add(point);
            }
            Map<String, Object> criterion = new LinkedHashMap<>();
            criterion.put("name", e.getKey());
            criterion.put("points", points);
            criteria.add(criterion);
        }
        return criteria;
    }

    private static double hours(Instant start, Instant at) {
        return Duration.between(start, at).toMillis() / 3_600_000.0;
    }

    /**
     * NaN (no evidence yet) and an infinite interval edge become null: JSON has no such numbers, and Chart.js
     * leaves a gap at null instead of stretching the axis to infinity.
     */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

package dev.ringmaster.adapters.canarydiff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.core.port.MetricSource;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a results document. Anything the gate would count wrongly (a run without a time, mismatches above samples, a
 * fraction of a sample) makes the whole document unreadable, naming the field: the pipeline is broken and must be
 * told, not half read.
 */
final class CanaryDiffJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanaryDiffJson() {
    }

    static CanaryDiffReport parse(String json, String source) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (IOException e) {
            throw bad(source, "is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw bad(source, "is not a JSON object");
        }
        String version = optionalText(doc, "version", source, "version");
        String rolloutId = optionalText(doc, "rolloutId", source, "rolloutId");
        JsonNode runs = doc.path("runs");
        if (!runs.isArray()) {
            throw bad(source, "has no runs list");
        }
        List<CanaryDiffReport.Run> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            out.add(run(runs.get(i), "runs[" + i + "]", version, source));
        }
        return new CanaryDiffReport(rolloutId, version, out, source);
    }

    private static CanaryDiffReport.Run run(JsonNode r, String path, String docVersion, String source) {
        if (!r.isObject()) {
            throw bad(source, path + " is not an object");
        }
        Instant at;
        try {
            at = Instant.parse(r.path("at").asText(""));
        } catch (DateTimeParseException e) {
            throw bad(source, path + ".at '" + r.path("at").asText("") + "' is not an ISO-8601 UTC time (2026-05-01T10:00:00Z)");
        }
        String version = optionalText(r, "version", source, path + ".version");
        if (version == null) {
            version = docVersion;
        }
        if (version == null) {
            throw bad(source, path + " has no version, and neither has the document");
        }
        long samples = count(r, "samples", path, source);
        long mismatches = count(r, "mismatches", path, source);
        if (mismatches > samples) {
            throw bad(source, path + ".mismatches " + mismatches + " is more than its samples " + samples);
        }
        List<Double> diffs = new ArrayList<>();
        JsonNode d = r.path("diffs");
        if (!d.isMissingNode() && !d.isNull()) {
            if (!d.isArray()) {
                throw bad(source, path + ".diffs is not a list of numbers");
            }
            for (int i = 0; i < d.size(); i++) {
                if (!d.get(i).isNumber()) {
                    throw bad(source, path + ".diffs[" + i + "] is not a number");
                }
                diffs.add(d.get(i).asDouble());
            }
        }
        List<CanaryDiffReport.Outlier> outliers = new ArrayList<>();
        JsonNode o = r.path("outliers");
        if (!o.isMissingNode() && !o.isNull()) {
            if (!o.isArray()) {
                throw bad(source, path + ".outliers is not a list");
            }
            for (int i = 0; i < o.size(); i++) {
                JsonNode x = o.get(i);
                if (!x.isObject()) {
                    throw bad(source, path + ".outliers[" + i + "] is not an object");
                }
                outliers.add(new CanaryDiffReport.Outlier(x.path("key").asText(""), value(x.get("stable")), value(x.get("canary"))));
            }
        }
        return new CanaryDiffReport.Run(at, version, samples, mismatches, diffs, outliers);
    }

    /** A whole, non-negative count: 3.0 is read as 3, 2.5 is refused. */
    private static long count(JsonNode r, String key, String path, String source) {
        JsonNode v = r.get(key);
        if (v == null || !v.isNumber() || v.asDouble() < 0 || v.asDouble() != Math.rint(v.asDouble())) {
            throw bad(source, path + "." + key + " must be a whole number ≥ 0, not " + (v == null ? "missing" : v.toString()));
        }
        return v.asLong();
    }

    private static String optionalText(JsonNode node, String key, String source, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw bad(source, path + " must be a text, not " + v);
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String value(JsonNode v) {
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }

    private static MetricSource.Unavailable bad(String source, String what) {
        return new MetricSource.Unavailable("canary-diff results " + source + ": " + what);
    }
}

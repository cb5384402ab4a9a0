package dev.ringmaster.adapters.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Response bodies shaped as Prometheus 2.x writes them (docs/querying/api.md): numbers for times, strings for values. */
final class PromBodies {
    private PromBodies() {
    }

    /** One series with {@code values[i]} at {@code first + i·step}; a null value leaves that step out (a gap). */
    static String matrix(Instant first, long stepSeconds, String... values) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                points.add("[" + (first.getEpochSecond() + i * stepSeconds) + ",\"" + values[i] + "\"]");
            }
        }
        return success("matrix", "[{\"metric\":{},\"values\":[" + String.join(",", points) + "]}]");
    }

    static String vector(Instant at, String value) {
        return success("vector", "[{\"metric\":{},\"value\":[" + at.getEpochSecond() + "." + String.format("%03d", at.getNano() / 1_000_000)
                + ",\"" + value + "\"]}]");
    }

    static String empty(String type) {
        return success(type, "[]");
    }

    static String success(String type, String result) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"" + type + "\",\"result\":" + result + "}}";
    }

    static String error(String errorType, String error) {
        return "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\"" + error + "\"}";
    }
}

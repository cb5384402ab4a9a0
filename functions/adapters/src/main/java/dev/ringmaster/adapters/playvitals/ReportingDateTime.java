package dev.ringmaster.adapters.playvitals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@code google.type.DateTime} as the Reporting API sends it: {@code year..nanos} plus {@code timeZone{id}} or
 * {@code utcOffset} ("-25200s"). Its JSON leaves out fields that are zero (midnight has no {@code hours}), so a missing
 * field reads as 0.
 */
final class ReportingDateTime {
    private ReportingDateTime() {
    }

    static Instant parse(JsonNode d) {
        if (d == null || !d.isObject() || !d.has("year") || !d.has("month") || !d.has("day")) {
            throw new IllegalArgumentException("a DateTime without year, month and day: " + d);
        }
        try {
            LocalDateTime local = LocalDateTime.of(d.path("year").asInt(), d.path("month").asInt(), d.path("day").asInt(),
                    d.path("hours").asInt(0), d.path("minutes").asInt(0), d.path("seconds").asInt(0), d.path("nanos").asInt(0));
            return ZonedDateTime.of(local, zone(d)).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a DateTime that is not a time: " + d);
        }
    }

    /** An HOURLY bound: whole hours in UTC, minutes and smaller unset (the API refuses them). */
    static ObjectNode hourly(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("year", t.getYear()).put("month", t.getMonthValue()).put("day", t.getDayOfMonth()).put("hours", t.getHour());
        d.putObject("timeZone").put("id", "UTC");
        return d;
    }

    private static ZoneId zone(JsonNode d) {
        String id = d.path("timeZone").path("id").asText("");
        if (!id.isEmpty()) {
            return ZoneId.of(id);
        }
        String offset = d.path("utcOffset").asText("");
        if (!offset.isEmpty()) {
            // a protobuf Duration: seconds with an "s", possibly fractional
            double seconds = Double.parseDouble(offset.endsWith("s") ? offset.substring(0, offset.length() - 1) : offset);
            return ZoneOffset.ofTotalSeconds((int) Math.round(seconds));
        }
        // no zone: the API's hourly data is UTC
        return ZoneOffset.UTC;
    }
}

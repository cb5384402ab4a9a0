package dev.ringmaster.adapters.playvitals;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query's rows added up per hour: the canary's versionCodes on one side, every other versionCode on the other.
 * Users of different versionCodes in the same hour are different users (a device runs one version at a time), so
 * their {@code distinctUsers} add up; the same versionCode across hours never is (REFERENCE-signals §1).
 */
final class HourlyCounts {
    private final Map<Instant, long[]> hours = new TreeMap<>();

    /** One row: {@code bad} of {@code users} for a versionCode in the hour starting at {@code hourStart}. */
    void add(Instant hourStart, boolean canary, long bad, long users) {
        long[] h = hours.computeIfAbsent(hourStart, k -> new long[4]);
        int i = canary ? 0 : 2;
        h[i] += bad;
        h[i + 1] += users;
    }

    /** One sample per hour with data, at the hour's end, oldest first; a side without users has no data. */
    List<Sample> samples(Instant from, Instant to) {
        List<Sample> out = new ArrayList<>();
        hours.forEach((start, h) -> {
            Instant at = start.plus(Duration.ofHours(1));
            if (at.isAfter(from) && !at.isAfter(to)) {
                out.add(new Sample(at, h[1] > 0 ? new Measure.Counts(h[0], h[1]) : null,
                        h[3] > 0 ? new Measure.Counts(h[2], h[3]) : null));
            }
        });
        return out;
    }
}

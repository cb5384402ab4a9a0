package dev.ringmaster.adapters.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Known VPN connect counters for a real Prometheus, one sample a minute over 2026-11-30: {@code connect_total} and
 * {@code connect_fail_total} by {@code app} (healthy, regressed) and {@code version}. 2.0.4 runs all day; the canary
 * 2.1.0 starts at 12:00 with its counters at 0. The healthy app fails about 0.5 % in both versions; the regressed
 * app's 2.1.0 fails about 6 %. Increments vary minute by minute, so only exact reading gives exact sums.
 */
public final class ConnectSeries {
    static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant ROLLOUT = Instant.parse("2026-11-30T12:00:00Z");
    static final List<String> APPS = List.of("healthy", "regressed");
    static final List<String> VERSIONS = List.of("2.0.4", "2.1.0");
    private static final int MINUTES = 24 * 60;

    private ConnectSeries() {
    }

    /** The first minute (since {@link #DAY}) a version's counters exist, at 0. */
    static int firstMinute(String version) {
        return version.equals("2.1.0") ? 12 * 60 : 0;
    }

    /** Connects in minute {@code m} (that is, in (m-1, m]). */
    static long connects(String app, String version, int m) {
        return m <= firstMinute(version) ? 0 : 40 + (m * 7L + seed(app, version)) % 23;
    }

    /** Failed connects in minute {@code m}. */
    static long fails(String app, String version, int m) {
        if (m <= firstMinute(version)) {
            return 0;
        }
        return app.equals("regressed") && version.equals("2.1.0") ? 2 + m % 3 : (m * 13L + seed(app, version)) % 4 == 0 ? 1 : 0;
    }

    /** What was written for the minutes in {@code (end - length, end]}. */
    static long sum(boolean failed, String app, String version, Instant end, Duration length) {
        int last = minute(end);
        long out = 0;
        for (int m = last - (int) length.toMinutes() + 1; m <= last; m++) {
            out += failed ? fails(app, version, m) : connects(app, version, m);
        }
        return out;
    }

    static int minute(Instant t) {
        return (int) Duration.between(DAY, t).toMinutes();
    }

    /** The OpenMetrics text: families not interleaved, each series' samples in time order, ending with # EOF. */
    public static String openMetrics() {
        StringBuilder out = new StringBuilder();
        for (boolean failed : new boolean[] {false, true}) {
            String family = failed ? "connect_fail" : "connect";
            out.append("# HELP ").append(family).append(failed ? " Failed VPN connects.\n" : " VPN connect attempts.\n");
            out.append("# TYPE ").append(family).append(" counter\n");
            for (String app : APPS) {
                for (String version : VERSIONS) {
                    long value = 0;
                    for (int m = firstMinute(version); m <= MINUTES; m++) {
                        value += failed ? fails(app, version, m) : connects(app, version, m);
                        out.append(family).append("_total{app=\"").append(app).append("\",version=\"").append(version).append("\"} ")
                                .append(value).append(' ').append(DAY.getEpochSecond() + m * 60L).append('\n');
                    }
                }
            }
        }
        return out.append("# EOF\n").toString();
    }

    private static int seed(String app, String version) {
        return (app + version).hashCode() & 0xff;
    }
}

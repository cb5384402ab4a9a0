package dev.ringmaster.core.plan;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plan durations: {@code 30s}, {@code 5m}, {@code 4h}, {@code 2d}, and sums like {@code 1h30m}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+[smhd])+|0");
    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(total);
    }

    /** The shortest plan spelling: 90m → 1h30m, 0 → 0. */
    public static String format(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.isZero()) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        long s = d.getSeconds();
        // 24h reads better than 1d; whole days from two on (48h → 2d).
        if (s < 2 * 86400 && s % 86400 == 0) {
            return s / 3600 + "h";
        }
        long[] sizes = {86400, 3600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                b.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return b.toString();
    }
}

package dev.ringmaster.cli;

import dev.ringmaster.sim.feasibility.Assumptions;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code validate}'s feasibility options: the traffic, healthy values and gauge noise to judge a plan at. */
final class TrafficOptions {
    private static final Pattern TRAFFIC = Pattern.compile("(\\d+(?:\\.\\d+)?)/h");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?)(%?)");

    @Option(names = "--traffic", paramLabel = "N/h",
            description = {"sessions per hour at 100 %% audience (20000/h): run each gate 200 times and print, per phase and",
                    "gate, the median and p99 time to PASS on a healthy build and the sessions a ×2 build reaches before it FAILs"})
    String traffic;

    @Option(names = "--healthy", paramLabel = "METRIC=VALUE",
            description = {"a metric's healthy value, repeatable: a rate as 0.002 or 0.2%%, a gauge in its units,",
                    "a count in events per minute at 100 %%"})
    List<String> healthy = List.of();

    @Option(names = "--gauge-noise", defaultValue = "5%", paramLabel = "P",
            description = "a gauge's per-tick relative noise on each side (default ${DEFAULT-VALUE})")
    String gaugeNoise;

    /** Thrown with a message naming the option and its value. */
    static final class BadOption extends Exception {
        BadOption(String message) {
            super(message);
        }
    }

    boolean asked() {
        return traffic != null;
    }

    /** Syntax checks that need no plan. */
    void check() throws BadOption {
        if (traffic == null && (!healthy.isEmpty())) {
            throw new BadOption("--healthy: " + healthy.get(0) + ": give --traffic N/h too");
        }
        if (traffic != null) {
            sessionsPerHour();
        }
        noise();
        for (String h : healthy) {
            pair(h);
        }
    }

    double sessionsPerHour() throws BadOption {
        Matcher m = TRAFFIC.matcher(traffic);
        if (!m.matches() || !(Double.parseDouble(m.group(1)) > 0)) {
            throw new BadOption("--traffic: '" + traffic + "' is not sessions per hour: write a positive number and /h, like 20000/h");
        }
        return Double.parseDouble(m.group(1));
    }

    double noise() throws BadOption {
        Double v = number(gaugeNoise);
        if (v == null || v >= 1) {
            throw new BadOption("--gauge-noise: '" + gaugeNoise + "' is not a relative noise: write a fraction below 1 or a percent, like 0.05 or 5%");
        }
        return v;
    }

    /** The healthy values, checked against the plan's metrics. */
    Assumptions assumptions(Plan plan) throws BadOption {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String h : healthy) {
            String[] kv = pair(h);
            MetricDef def = plan.metrics().get(kv[0]);
            if (def == null) {
                throw new BadOption("--healthy: '" + h + "': plan " + plan.id() + " has no metric '" + kv[0] + "' (it has "
                        + String.join(", ", plan.metrics().keySet()) + ")");
            }
            double v = number(kv[1]);
            if (def.kind() == MetricKind.CHECK) {
                throw new BadOption("--healthy: '" + h + "': " + kv[0] + " is a check, reported and not sampled: it needs no healthy value");
            }
            if (def.kind() == MetricKind.RATE && v > 1) {
                throw new BadOption("--healthy: '" + h + "': " + kv[0] + " is a rate: write a fraction ≤ 1 or a percent, like 0.002 or 0.2%");
            }
            values.put(kv[0], v);
        }
        return Assumptions.atTraffic(sessionsPerHour(), values, noise());
    }

    private static String[] pair(String h) throws BadOption {
        int eq = h.indexOf('=');
        if (eq <= 0 || number(h.substring(eq + 1)) == null) {
            throw new BadOption("--healthy: '" + h + "' is not METRIC=VALUE with a number ≥ 0: write crash_rate=0.002 or crash_rate=0.2%");
        }
        return new String[] {h.substring(0, eq), h.substring(eq + 1)};
    }

    /** 0.05 or 5%; null when neither. */
    private static Double number(String text) {
        Matcher m = NUMBER.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? v : v / 100;
    }
}

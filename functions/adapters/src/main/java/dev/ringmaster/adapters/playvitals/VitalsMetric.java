package dev.ringmaster.adapters.playvitals;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.util.List;

/** A {@code query.metric} and the metric set that holds it (REFERENCE-signals §1). */
record VitalsMetric(String name, String metricSet) {
    static final List<String> NAMES = List.of("crashRate", "anrRate", "userPerceivedCrashRate", "userPerceivedAnrRate");

    static VitalsMetric of(MetricDef def) {
        Object m = def.query().get("metric");
        String name = m == null ? "" : m.toString();
        return switch (name) {
            case "crashRate", "userPerceivedCrashRate" -> new VitalsMetric(name, "crashRateMetricSet");
            case "anrRate", "userPerceivedAnrRate" -> new VitalsMetric(name, "anrRateMetricSet");
            default -> throw new MetricSource.Unavailable("play-vitals metric " + def.name() + ": query.metric must be one of "
                    + String.join(", ", NAMES) + ", not " + (m == null ? "missing" : "'" + m + "'"));
        };
    }
}

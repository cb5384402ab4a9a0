package dev.ringmaster.core.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a metric is read, which query keys each kind needs, and whether the source has a baseline for
 * relative bounds (CONTRACTS.md §1.3).
 */
public enum MetricSource {
    PLAY_VITALS("play-vitals", true, Set.of(MetricKind.RATE)),
    SENTRY("sentry", true, Set.of(MetricKind.RATE)),
    PROMETHEUS("prometheus", true, Set.of(MetricKind.RATE, MetricKind.GAUGE, MetricKind.COUNT)),
    CLOUDWATCH("cloudwatch", true, Set.of(MetricKind.RATE, MetricKind.GAUGE, MetricKind.COUNT)),
    CANARY_DIFF("canary-diff", false, Set.of(MetricKind.RATE)),
    STATIC("static", true, Set.of(MetricKind.RATE, MetricKind.GAUGE, MetricKind.COUNT, MetricKind.CHECK)),
    /** reported by CI or a person with {@code ringmaster report}: the default for {@code check} metrics. */
    REPORT("report", false, Set.of(MetricKind.CHECK)),
    /** pushed by webhooks (Crashlytics, Alertmanager, App Store Connect, generic): counts of alerts. */
    WEBHOOK("webhook", false, Set.of(MetricKind.COUNT, MetricKind.CHECK)),
    /**
     * App Store Connect's review of the version: PASS once approved, FAIL once rejected, no data while it
     * waits. The implicit gate of every app-review phase reads it; plans do not name it themselves.
     */
    APP_REVIEW("app-review", false, Set.of(MetricKind.CHECK));

    public final String key;
    public final boolean hasBaseline;
    public final Set<MetricKind> kinds;

    MetricSource(String key, boolean hasBaseline, Set<MetricKind> kinds) {
        this.key = key;
        this.hasBaseline = hasBaseline;
        this.kinds = kinds;
    }

    public static Optional<MetricSource> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(s -> s.key).toList();
    }

    /** Query keys a metric of this kind must have on this source; alternatives joined by '|'. */
    public List<String> requiredQuery(MetricKind kind) {
        return switch (this) {
            case PLAY_VITALS -> List.of("metric");
            case SENTRY -> List.of("project", "field");
            case PROMETHEUS -> kind == MetricKind.RATE ? List.of("bad|good", "total") : List.of("value");
            case CLOUDWATCH -> switch (kind) {
                case RATE -> List.of("namespace", "bad|good", "total");
                case GAUGE -> List.of("namespace", "metric", "stat");
                default -> List.of("namespace", "metric");
            };
            case CANARY_DIFF -> List.of("samples");
            case STATIC, REPORT, WEBHOOK -> List.of();
            case APP_REVIEW -> List.of("appId", "versionString");
        };
    }

    /** Every query key this source understands (for unknown-key errors). */
    public List<String> knownQuery() {
        return switch (this) {
            case PLAY_VITALS -> List.of("metric");
            case SENTRY -> List.of("project", "org", "field");
            case PROMETHEUS -> List.of("bad", "good", "total", "value");
            case CLOUDWATCH -> List.of("namespace", "bad", "good", "total", "metric", "stat", "dimensions");
            case CANARY_DIFF -> List.of("samples", "url");
            case STATIC -> List.of("value", "bad", "total", "baseline", "baselineBad", "baselineTotal");
            case REPORT -> List.of();
            case WEBHOOK -> List.of("kind", "filter");
            case APP_REVIEW -> List.of("appId", "versionString");
        };
    }

    /** Allowed values of enumerated query keys. */
    public List<String> allowed(String queryKey) {
        if (this == PLAY_VITALS && queryKey.equals("metric")) {
            return List.of("crashRate", "anrRate", "userPerceivedCrashRate", "userPerceivedAnrRate");
        }
        if (this == SENTRY && queryKey.equals("field")) {
            return List.of("crashed-sessions", "errored-sessions", "crashed-users");
        }
        return List.of();
    }
}

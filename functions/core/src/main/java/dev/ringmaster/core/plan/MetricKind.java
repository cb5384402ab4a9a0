package dev.ringmaster.core.plan;

/** How a metric is observed (CONTRACTS.md §1.3). */
public enum MetricKind {
    /** bad / total counts per tick: crashed sessions / sessions. */
    RATE,
    /** a value per tick: p75 latency, LCP, memory %. */
    GAUGE,
    /** events per minute: database errors / min, sev-1 bugs. */
    COUNT,
    /** PASS / FAIL reported by CI or a person. */
    CHECK;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

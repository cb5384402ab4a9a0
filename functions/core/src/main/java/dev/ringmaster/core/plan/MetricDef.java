package dev.ringmaster.core.plan;

import java.util.Map;

/** A metric the plan reads: its kind, its source and the source's query keys (CONTRACTS.md §1.3). */
public record MetricDef(String name, MetricKind kind, String source, Map<String, Object> query) {
    public MetricDef {
        query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
    }

    /** A rate with a {@code good} query counts successes: it is compared with {@code min}. */
    public boolean successRate() {
        return kind == MetricKind.RATE && query.containsKey("good");
    }
}

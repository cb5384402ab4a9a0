package dev.ringmaster.bench;

import dev.ringmaster.core.plan.Bound;
import dev.ringmaster.core.plan.MetricKind;
import java.time.Duration;

/**
 * A metric every policy judges in the benchmark, with the plan's bound and the halt rule's {@code for}
 * (policies that have no notion of it ignore it).
 *
 * @param kind    RATE (bad/total counts per tick) or GAUGE (one value per tick)
 * @param sustain the seed-004 style {@code for}: how long a breach must last before a sustained policy fails
 * @param margin  the gate's {@code margin} (null: the documented default)
 */
public record BenchMetric(String name, MetricKind kind, Bound bound, Duration sustain, Double margin) {

    public BenchMetric(String name, MetricKind kind, Bound bound, Duration sustain) {
        this(name, kind, bound, sustain, null);
    }
}

package dev.ringmaster.bench.runtime;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A healthy build's 5-minute samples of every metric of a plan, made once from a seed over a fixed span and
 * served from memory: a read costs a binary search and a view, so a tick's time and allocation are ringmaster's,
 * not the source's. Canary and baseline come from the same rates (nothing is wrong with the build).
 */
public final class HealthyMetrics implements MetricSource {
    public static final Duration STEP = Duration.ofMinutes(5);
    private final Map<String, List<Sample>> series = new HashMap<>();

    public HealthyMetrics(Plan plan, Instant from, Instant to, long seed) {
        for (MetricDef m : plan.metrics().values()) {
            SplittableRandom random = new SplittableRandom(seed * 31 + m.name().hashCode());
            List<Sample> samples = new ArrayList<>();
            for (Instant t = from.plus(STEP); !t.isAfter(to); t = t.plus(STEP)) {
                samples.add(new Sample(t, measure(m, random, 2_000), measure(m, random, 38_000)));
            }
            series.put(m.name(), samples);
        }
    }

    private static Measure measure(MetricDef m, SplittableRandom random, int sessions) {
        return switch (m.kind()) {
            case RATE -> {
                double p = m.name().startsWith("crash") ? 0.002 : m.name().startsWith("anr") ? 0.001 : 0.004;
                double mean = p * sessions;
                yield new Measure.Counts(Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random))), sessions);
            }
            case GAUGE -> {
                double level = m.name().endsWith("p50") ? 120 : m.name().endsWith("p95") ? 300 : m.name().endsWith("p99") ? 450 : 180;
                yield new Measure.Value(level * (1 + 0.03 * gaussian(random)));
            }
            case COUNT -> new Measure.Events(m.name().startsWith("sev1") ? 0 : random.nextInt(3), STEP.toMinutes());
            case CHECK -> new Measure.Check(true, Instant.EPOCH);
        };
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        List<Sample> all = series.getOrDefault(metric.name(), List.of());
        return all.subList(first(all, from), first(all, to));
    }

    /** Index of the first sample after {@code t}: the range is (from, to]. */
    private static int first(List<Sample> all, Instant t) {
        int i = Collections.binarySearch(all, new Sample(t, null, null), (a, b) -> a.at().compareTo(b.at()));
        return i >= 0 ? i + 1 : -i - 1;
    }
}

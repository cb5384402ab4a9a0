package dev.ringmaster.bench.peers;

import dev.ringmaster.bench.BenchMetric;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a threshold peer (Argo's {@code successCondition}, Flagger's {@code thresholdRange}) sees: the point
 * estimate of each metric over one measurement interval compared with the plan's bound. Collects the ticks
 * of the interval and reads them when the interval closes, as a range query over the interval would.
 */
final class IntervalReadings {

    /** The bound met, broken, or nothing to compare (no samples, no sessions, or no baseline for a relative bound). */
    enum Reading {
        WITHIN, BEYOND, NO_DATA
    }

    private final List<BenchMetric> metrics;
    private final int intervalTicks;
    private final Map<String, List<Sample>> window = new HashMap<>();
    private int ticks;

    IntervalReadings(List<BenchMetric> metrics, int intervalTicks) {
        if (intervalTicks < 1) {
            throw new IllegalArgumentException("interval must be at least one tick: " + intervalTicks);
        }
        this.metrics = metrics;
        this.intervalTicks = intervalTicks;
    }

    /** Each metric's reading, in plan order, when this tick closes an interval; empty between measurements. */
    Optional<Map<BenchMetric, Reading>> onTick(Map<String, Sample> tick) {
        for (BenchMetric m : metrics) {
            Sample s = tick.get(m.name());
            if (s != null) {
                window.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(s);
            }
        }
        if (++ticks % intervalTicks != 0) {
            return Optional.empty();
        }
        Map<BenchMetric, Reading> readings = new LinkedHashMap<>();
        for (BenchMetric m : metrics) {
            readings.put(m, read(m, window.getOrDefault(m.name(), List.of())));
        }
        window.clear();
        return Optional.of(readings);
    }

    static Reading read(BenchMetric m, List<Sample> samples) {
        double canary = estimate(samples.stream().map(Sample::canary).toList());
        double limit = m.bound().relative()
                ? m.bound().value() * estimate(samples.stream().map(Sample::baseline).toList())
                : m.bound().value();
        if (Double.isNaN(canary) || Double.isNaN(limit)) {
            return Reading.NO_DATA;
        }
        boolean beyond = m.bound().upper() ? canary > limit : canary < limit;
        return beyond ? Reading.BEYOND : Reading.WITHIN;
    }

    /**
     * Pooled bad/total for counts (what {@code sum(bad)/sum(total)} over the interval returns), the mean for
     * values; NaN when there is nothing to estimate from, as the query would return no value.
     */
    private static double estimate(List<Measure> measures) {
        long bad = 0;
        long total = 0;
        double sum = 0;
        int values = 0;
        for (Measure x : measures) {
            if (x instanceof Measure.Counts c) {
                bad += c.bad();
                total += c.total();
            } else if (x instanceof Measure.Value v && !Double.isNaN(v.value())) {
                sum += v.value();
                values++;
            }
        }
        if (total > 0) {
            return (double) bad / total;
        }
        return values > 0 ? sum / values : Double.NaN;
    }
}

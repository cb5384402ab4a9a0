package dev.ringmaster.sim;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric source that samples the scenario's true values in virtual time: each tick the simulator tells it
 * how much traffic the canary and the baseline had, and it draws that tick's counts and values. Metrics
 * the scenario does not mention, and ticks inside an outage, have no data.
 */
public final class ScenarioMetricSource implements MetricSource {
    private final Scenario scenario;
    private final Map<String, MetricDef> metrics;
    private final Sampler sampler;
    private final Map<String, List<Sample>> samples = new HashMap<>();
    private final Faults faults;

    public ScenarioMetricSource(Scenario scenario, Map<String, MetricDef> metrics, long seed) {
        this(scenario, metrics, seed, null);
    }

    /** @param faults the scenario's faults, so a read inside a metrics fault fails as the source's API would; null for none */
    ScenarioMetricSource(Scenario scenario, Map<String, MetricDef> metrics, long seed, Faults faults) {
        this.scenario = scenario;
        this.metrics = metrics;
        this.sampler = new Sampler(seed);
        this.faults = faults;
    }

    /**
     * Draws one tick ending at {@code at}.
     *
     * @param canarySessions   sessions on the canary during the tick
     * @param baselineSessions sessions on the baseline during the tick
     * @param tick             how long the tick was (count metrics are events per minute of it)
     */
    public void observe(Instant at, double canarySessions, double baselineSessions, Duration tick) {
        Duration sinceStart = Duration.between(scenario.start(), at);
        double minutes = tick.toSeconds() / 60.0;
        for (MetricDef def : metrics.values()) {
            Scenario.Truth truth = scenario.metrics().get(def.name());
            if (truth == null || inOutage(def.name(), sinceStart)) {
                continue;
            }
            double canary = truth.canaryAt(sinceStart);
            Sample sample = switch (def.kind()) {
                case RATE -> new Sample(at, new Measure.Counts(sampler.binomial(Math.round(canarySessions), canary), Math.round(canarySessions)),
                        new Measure.Counts(sampler.binomial(Math.round(baselineSessions), truth.baseline()), Math.round(baselineSessions)));
                case GAUGE -> new Sample(at, new Measure.Value(canary * (1 + truth.noise() * sampler.gaussian())),
                        new Measure.Value(truth.baseline() * (1 + truth.noise() * sampler.gaussian())));
                case COUNT -> new Sample(at, new Measure.Events(sampler.poisson(canary * minutes), minutes),
                        new Measure.Events(sampler.poisson(truth.baseline() * minutes), minutes));
                case CHECK -> truth.check() == null ? null : new Sample(at, new Measure.Check(truth.check(), at), null);
            };
            if (sample != null) {
                samples.computeIfAbsent(def.name(), k -> new ArrayList<>()).add(sample);
            }
        }
    }

    private boolean inOutage(String metric, Duration sinceStart) {
        return scenario.outages().stream().anyMatch(o -> o.metric().equals(metric)
                && sinceStart.compareTo(o.from()) >= 0 && sinceStart.compareTo(o.to()) < 0);
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        if (faults != null) {
            faults.onMetric(metric.name());
        }
        List<Sample> all = samples.getOrDefault(metric.name(), List.of());
        // Samples are appended in time order: binary-search the window instead of scanning every tick.
        int lo = firstAfter(all, from);
        int hi = firstAfter(all, to);
        return all.subList(lo, hi);
    }

    private static int firstAfter(List<Sample> all, Instant t) {
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).at().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}

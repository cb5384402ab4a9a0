package dev.ringmaster.cli;

import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.signal.RecordedSignals;
import dev.ringmaster.sim.Scenario;
import dev.ringmaster.sim.ScenarioMetricSource;
import dev.ringmaster.sim.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics for the local runner: a scenario sampled in (scaled) real time for the metrics it names, checks
 * reported with {@code ringmaster report} and counts told by webhooks (read from the rollout's history), and
 * the plan's {@code static} values; anything else has no data, which never passes.
 */
final class RunMetrics implements MetricSource {
    private final Scenario scenario;
    private RecordedSignals recorded;
    private final Map<String, ScenarioMetricSource> byRollout = new ConcurrentHashMap<>();
    private final StaticMetricSource statics = new StaticMetricSource();

    RunMetrics(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Where {@code report} and webhooks record what they were told: the rollout's history in the runner's store. */
    RunMetrics readingReportsFrom(RolloutStore store) {
        this.recorded = new RecordedSignals(store);
        return this;
    }

    /** Draws this tick's traffic for a running rollout in {@code phase}. */
    void observe(String rolloutId, Plan plan, Phase phase, Instant now, Instant started, Duration tick) {
        if (scenario == null) {
            return;
        }
        ScenarioMetricSource source = byRollout.computeIfAbsent(rolloutId,
                id -> new ScenarioMetricSource(scenario, plan.metrics(), id.hashCode()));
        double share = Traffic.share(phase, scenario);
        double sessions = Traffic.sessions(scenario, Duration.between(started, now), tick);
        source.observe(now, sessions * share, sessions * Traffic.baselineShare(share), tick);
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        boolean pushed = recorded != null && (metric.source().equals(dev.ringmaster.core.plan.MetricSource.REPORT.key)
                || metric.source().equals(dev.ringmaster.core.plan.MetricSource.WEBHOOK.key));
        List<Sample> told = pushed ? recorded.read(metric, rolloutId, version, from, to) : List.of();
        // What a person, CI or a webhook told is the truth over anything simulated.
        if (told.stream().anyMatch(RunMetrics::tells)) {
            return told;
        }
        if (scenario != null && scenario.metrics().containsKey(metric.name()) && byRollout.containsKey(rolloutId)) {
            return byRollout.get(rolloutId).read(metric, rolloutId, version, from, to);
        }
        if (metric.source().equals(StaticMetricSource.KEY)) {
            return statics.read(metric, rolloutId, version, from, to);
        }
        return told;
    }

    /** A reported result, or a webhook event: a window without events tells nothing a scenario could not. */
    private static boolean tells(Sample s) {
        return !(s.canary() instanceof Measure.Events e) || e.events() > 0;
    }
}

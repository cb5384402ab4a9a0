package dev.ringmaster.cli;

import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.MetricKind;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.MetricSource;
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
 * reported with {@code ringmaster report}, and the plan's {@code static} values; anything else has no
 * data, which never passes.
 */
final class RunMetrics implements MetricSource {
    private final Scenario scenario;
    private RolloutStore reports;
    private final Map<String, ScenarioMetricSource> byRollout = new ConcurrentHashMap<>();
    private final StaticMetricSource statics = new StaticMetricSource();

    RunMetrics(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Where {@code ringmaster report} records check results: the rollout's history. */
    RunMetrics readingReportsFrom(RolloutStore store) {
        this.reports = store;
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
        // A person's or CI's report is the truth for a check, over anything simulated.
        if (metric.kind() == MetricKind.CHECK && reports != null) {
            List<Sample> reported = reports.history(rolloutId).stream()
                    .filter(h -> h.what().startsWith(ReportCommand.PREFIX + metric.name() + " ") && !h.at().isAfter(to))
                    .map(h -> new Sample(h.at(), new Measure.Check(h.what().endsWith(" pass"), h.at()), null)).toList();
            if (!reported.isEmpty()) {
                return reported;
            }
        }
        if (scenario != null && scenario.metrics().containsKey(metric.name()) && byRollout.containsKey(rolloutId)) {
            return byRollout.get(rolloutId).read(metric, rolloutId, version, from, to);
        }
        if (metric.source().equals(StaticMetricSource.KEY)) {
            return statics.read(metric, rolloutId, version, from, to);
        }
        return List.of();
    }
}

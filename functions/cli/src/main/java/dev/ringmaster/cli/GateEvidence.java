package dev.ringmaster.cli;

import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.Durations;
import dev.ringmaster.core.plan.Gate;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code gate} judges: each gated metric's series over the window, why a metric has none (missing from the
 * snapshot, no data, stale), and which sources could not be read at all (exit 2, never a verdict).
 *
 * @param live true when read from the plan's sources, false for a {@code --metrics} snapshot
 */
record GateEvidence(Duration window, Instant until, boolean live, Map<String, MetricSeries> series, Map<String, String> missing,
                    Map<String, String> unreachable) {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /** Reported by people or webhooks, not read from a metrics system: the CI gate takes them from a snapshot. */
    private static final Set<String> REPORTED = Set.of("report", "webhook", "app-review");

    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    /** Reads every gated metric of {@code phase} from its source over (until − window, until]. */
    static GateEvidence live(Plan plan, Phase phase, String windowText, String untilText, MetricSource sources) throws BadInput {
        Duration window = windowText == null ? DEFAULT_WINDOW : Durations.parse(windowText).filter(d -> !d.isZero())
                .orElseThrow(() -> new BadInput("--window: bad duration '" + windowText + "': use e.g. 24h"));
        Instant until;
        try {
            until = untilText == null ? Instant.now() : Instant.parse(untilText);
        } catch (DateTimeParseException e) {
            throw new BadInput("--until: '" + untilText + "' is not an ISO-8601 time like 2026-11-30T18:00:00Z");
        }
        Instant from = until.minus(window);
        Release release = Release.of(plan, phase, plan.id(), from);
        Map<String, MetricSeries> series = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (String name : phase.gates().stream().map(Gate::metric).distinct().toList()) {
            MetricDef def = plan.metrics().get(name);
            if (REPORTED.contains(def.source())) {
                missing.put(name, "a " + def.source() + " metric is not read from a metrics system: give it in a --metrics snapshot");
                continue;
            }
            try {
                List<Sample> samples = sources.read(def, release, from, until);
                series.put(name, new MetricSeries(name, samples, false));
                if (samples.stream().noneMatch(s -> s.canary() != null)) {
                    missing.put(name, "no data from " + def.source() + " over the window");
                }
            } catch (MetricSource.Stale e) {
                missing.put(name, "stale: " + e.getMessage());
            } catch (MetricSource.Unavailable e) {
                unreachable.put(name, def.source() + ": " + e.getMessage());
            }
        }
        return new GateEvidence(window, until, true, series, missing, unreachable);
    }
}

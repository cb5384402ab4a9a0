package dev.ringmaster.core.rollout;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.MetricSeries;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.ParseResult;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small plans written the way users write them, and tick series to judge them with. */
final class TestPlans {
    /** Tuesday 2026-12-01 10:00 UTC (11:00 in Berlin: inside seed 003's allow slots). */
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private TestPlans() {
    }

    static Plan android(String extraSpec) {
        return android(false, extraSpec);
    }

    /** Seed 002's Android plan in miniature, with halt rules from seeds 002 and 004; {@code extraSpec} is appended to spec. */
    static Plan android(boolean hotfix, String extraSpec) {
        return parse("""
                apiVersion: ringmaster/v1
                kind: RolloutPlan
                metadata: {name: android-test, version: "2.1.0"%s}
                spec:
                  target: {type: google-play, packageName: com.example.vpn, track: production, versionCodes: [2100]}
                  metrics:
                    crash_rate: {kind: rate, source: play-vitals, query: {metric: crashRate}}
                    error_rate: {kind: rate, source: prometheus, query: {bad: errors, total: requests}}
                    smoke_tests: {kind: check}
                  phases:
                    - {name: phase-1, audience: 10%%, soak: 24h, maxSoak: 72h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-2, audience: 50%%, soak: 48h, gates: [{metric: crash_rate, max: 0.005}]}
                    - {name: phase-3, audience: 100%%, approval: true, gates: [{metric: crash_rate, max: 0.005}]}
                  haltRules:
                    - {metric: crash_rate, max: 0.02, for: 15m, severity: critical, action: pause}
                    - {metric: error_rate, max: 0.01, for: 5m, severity: critical, action: rollback}
                    - {metric: crash_rate, max: 0.01, for: 15m, severity: warning, action: alert}
                %s""".formatted(hotfix ? ", hotfix: true" : "", extraSpec));
    }

    static Plan parse(String yaml) {
        ParseResult r = PlanParser.parse("test.yaml", yaml);
        if (!r.ok()) {
            throw new IllegalArgumentException(r.errors().toString());
        }
        return r.plan();
    }

    static Rollout running(int phase, Instant enteredAt) {
        return new Rollout("android-test", RolloutState.RUNNING, phase, enteredAt, enteredAt, 3, -1, false, false, "running");
    }

    /** A rate sampled every 5 minutes from {@code from} for {@code ticks} ticks, {@code bad} of {@code total} each. */
    static MetricSeries rate(String metric, Instant from, int ticks, long bad, long total) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= ticks; i++) {
            samples.add(new Sample(from.plus(Duration.ofMinutes(5L * i)), new Measure.Counts(bad, total), null));
        }
        return new MetricSeries(metric, samples, false);
    }
}

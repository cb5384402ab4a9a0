package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.Approval;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Phases and targets as a plan would give them. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    static final Target PLAY = new Target(TargetType.GOOGLE_PLAY,
            Map.of("packageName", "com.example.vpn", "track", "production", "versionCodes", List.of(2100)));
    static final Target APP_STORE = new Target(TargetType.APP_STORE, Map.of("appId", "1234567890", "versionString", "2.1.0"));
    static final Target TESTFLIGHT = new Target(TargetType.TESTFLIGHT, Map.of("appId", "1234567890", "betaGroup", "eng-team"));
    static final Target APP_REVIEW = new Target(TargetType.APP_REVIEW, Map.of("appId", "1234567890", "versionString", "2.1.0"));
    static final Target FLAG = new Target(TargetType.FEATURE_FLAG,
            Map.of("provider", "json", "url", "s3://approvals-flags/canary.json", "flag", "canary"));
    static final Target REGISTRY = new Target(TargetType.CONTAINER_RING, Map.of("registry", "ghcr.io", "repository", "wizzense/aitherzero"));
    static final Target MANUAL = new Target(TargetType.MANUAL, Map.of());

    private Fixtures() {
    }

    static Phase percent(double p) {
        return phase("p" + p, p, null, List.of(), null);
    }

    static Phase cohort(String cohort, Double p) {
        return phase(cohort, p, cohort, List.of(), null);
    }

    static Phase groups(String... groups) {
        return phase("beta", null, null, List.of(groups), null);
    }

    static Phase ring(String ring) {
        return phase(ring, null, null, List.of(), ring);
    }

    private static Phase phase(String name, Double percent, String cohort, List<String> groups, String ring) {
        return new Phase(name, percent, cohort, groups, ring, null, null, Duration.ofHours(1), null, null, Approval.NONE, Map.of(), null, List.of());
    }
}

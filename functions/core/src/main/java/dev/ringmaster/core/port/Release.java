package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Sources;
import dev.ringmaster.core.plan.Target;
import java.time.Instant;

/**
 * What a metric read is about: the rollout, its app and version, the version it replaces (the baseline of
 * {@code $version} queries), the target of the phase being judged (Play vitals filter by its package and
 * versionCodes) and when the rollout started (a query without {@code $version} takes its baseline from the same
 * length of time before then), and where the plan's sources are reached ({@code spec.sources}).
 */
public record Release(String rolloutId, String app, String version, String previousVersion, Target target, Instant startedAt,
                      Sources sources) {
    public Release {
        sources = sources == null ? Sources.NONE : sources;
    }

    public Release(String rolloutId, String app, String version, String previousVersion, Target target, Instant startedAt) {
        this(rolloutId, app, version, previousVersion, target, startedAt, Sources.NONE);
    }

    public static Release of(Plan plan, Phase phase, String rolloutId, Instant startedAt) {
        return new Release(rolloutId, plan.app(), plan.version(), plan.previousVersion(), plan.targetOf(phase), startedAt, plan.sources());
    }
}

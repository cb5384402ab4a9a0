package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.Target;
import java.time.Instant;

/**
 * What a metric read is about: the rollout, its app and version, the version it replaces (the baseline of
 * {@code $version} queries), the target of the phase being judged (Play vitals filter by its package and
 * versionCodes) and when the rollout started (a query without {@code $version} takes its baseline from the same
 * length of time before then).
 */
public record Release(String rolloutId, String app, String version, String previousVersion, Target target, Instant startedAt) {

    public static Release of(Plan plan, Phase phase, String rolloutId, Instant startedAt) {
        return new Release(rolloutId, plan.app(), plan.version(), plan.previousVersion(), plan.targetOf(phase), startedAt);
    }
}

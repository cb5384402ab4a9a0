package dev.ringmaster.core.signal;

import dev.ringmaster.core.plan.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing a webhook told, verified and parsed: recorded against the rollout it concerns, counted by the plan's
 * {@code source: webhook} metrics, and acted on at once when it means trouble.
 *
 * @param eventId  the sender's id for the event (Apple's notification id, Pub/Sub's messageId, an alert's fingerprint
 *                 and start, the generic webhook's id): a second delivery of the same id is not applied twice
 * @param kind     what it counts as for {@code source: webhook} metrics ({@code query.kind}, by default the metric's
 *                 name): "sev1", "crashlytics.velocity", "build-rejected", an alert's {@code kind} or {@code metric} label
 * @param name     the sender's name for it (an alert's {@code alertname}, a generic event's {@code name}), or null:
 *                 what a webhook metric's {@code query.filter} selects
 * @param metric   the plan metric the sender says it is about (an Alertmanager alert's {@code metric} label), or null
 * @param severity how bad the sender says it is; only CRITICAL acts on a gated metric
 * @param firing   an alert that fires (false: resolved, or not an alert)
 * @param stop     trouble by itself, whatever the plan's metrics (a build rejected, a phased release paused, a
 *                 Crashlytics regression of this version), or null
 * @param count    how many events it adds to a count metric (1 for an alert, the generic webhook's count)
 * @param pass     a check result (the generic webhook's {@code result}), or null
 * @param summary  one line for the history and the message; never a secret
 */
public record Signal(WebhookKind from, String eventId, Concerns concerns, Instant at, String kind, String name, String metric, Severity severity,
                     boolean firing, Stop stop, double count, Boolean pass, String summary) {

    public Signal {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(concerns, "concerns");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
    }

    /** Trouble a signal means by itself. */
    public enum Stop {
        /** Stop new users at once and wait for a person (HALTED): a build rejected, a Crashlytics velocity alert. */
        HALT,
        /** Someone paused the release in the store's console: the rollout follows (PAUSED), a person resumes it. */
        PAUSED_IN_STORE
    }
}

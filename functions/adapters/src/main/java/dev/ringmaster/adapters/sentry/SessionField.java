package dev.ringmaster.adapters.sentry;

import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import java.util.List;
import java.util.Set;

/**
 * A {@code query.field}: which Sentry aggregate is counted and which session statuses are bad. Sentry splits sessions
 * (and users) by their worst status, so the statuses of one release add up to its total: healthy, errored (an error,
 * no crash), crashed, abnormal (the app was killed, or an ANR), and in newer Sentry unhandled.
 *
 * <ul>
 *   <li>{@code crashed-sessions}: crashed of all sessions.</li>
 *   <li>{@code errored-sessions}: every session that was not healthy, as Sentry's "errored" in its crash-free and
 *       error-free charts counts a crash as an error too.</li>
 *   <li>{@code crashed-users}: users with a crashed session of all users.</li>
 * </ul>
 */
record SessionField(String name, String aggregate, Set<String> bad) {
    static final List<String> NAMES = List.of("crashed-sessions", "errored-sessions", "crashed-users");
    private static final Set<String> NOT_HEALTHY = Set.of("errored", "crashed", "abnormal", "unhandled");

    static SessionField of(MetricDef def) {
        Object f = def.query().get("field");
        String name = f == null ? "" : f.toString();
        return switch (name) {
            case "crashed-sessions" -> new SessionField(name, "sum(session)", Set.of("crashed"));
            case "errored-sessions" -> new SessionField(name, "sum(session)", NOT_HEALTHY);
            case "crashed-users" -> new SessionField(name, "count_unique(user)", Set.of("crashed"));
            default -> throw new MetricSource.Unavailable("sentry metric " + def.name() + ": query.field must be one of "
                    + String.join(", ", NAMES) + ", not " + (f == null ? "missing" : "'" + f + "'"));
        };
    }
}

package dev.ringmaster.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A fault injected into one system of the simulated world (CONTRACTS.md §6, docs/simulate.md): the target's
 * API, the metric source, the notifier answer {@code error} in [from, to) after the start; or the bus loses the
 * first event for one step function at or after {@code at}.
 *
 * @param metric for metrics faults: the one metric whose reads fail, or null for every metric
 * @param drop   for bus faults: advance-phase, pause-store-rollout or notify-channel
 */
public record Fault(System system, Duration from, Duration to, Error error, String metric, String drop, Duration at) {

    public enum System {
        TARGET, METRICS, NOTIFIER, BUS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<System> of(String key) {
            return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
        }
    }

    /** What a faulty system answers, in the words its API would use. */
    public enum Error {
        E503("503", "503 Service Unavailable"), E500("500", "500 Internal Server Error"), E429("429", "429 Too Many Requests"),
        TIMEOUT("timeout", "timed out after 10 s"), THROTTLE("throttle", "ThrottlingException: Rate exceeded");

        public final String key;
        public final String message;

        Error(String key, String message) {
            this.key = key;
            this.message = message;
        }

        public static Optional<Error> of(String key) {
            return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
        }

        public static List<String> keys() {
            return Arrays.stream(values()).map(e -> e.key).toList();
        }
    }

    /** The step functions a bus fault can starve. */
    public static final List<String> FUNCTIONS = List.of("advance-phase", "pause-store-rollout", "notify-channel");

    /** Whether this window fault is on at {@code sinceStart}. */
    public boolean active(System of, Duration sinceStart) {
        return system == of && from != null && sinceStart.compareTo(from) >= 0 && sinceStart.compareTo(to) < 0;
    }
}

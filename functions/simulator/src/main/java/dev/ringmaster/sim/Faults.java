package dev.ringmaster.sim;

import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.Targets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A scenario's faults laid over the simulated systems: each call made while a fault of its system is on
 * fails as the real API would (the target's calls with {@link RolloutTarget.Unavailable}, metric reads with
 * {@link MetricSource.Unavailable}, sends with {@link NotSent}), and the bus loses the events it is told to.
 */
final class Faults {
    private final Scenario scenario;
    private final Clock clock;
    private final Set<Fault> dropped = new HashSet<>();

    Faults(Scenario scenario, Clock clock) {
        this.scenario = scenario;
        this.clock = clock;
    }

    /** A notifier's failure: the channel answered an error. */
    static final class NotSent extends RuntimeException {
        NotSent(String message) {
            super(message);
        }
    }

    Targets targets(Map<TargetType, RolloutTarget> real) {
        Map<TargetType, RolloutTarget> faulty = new EnumMap<>(TargetType.class);
        real.forEach((type, target) -> faulty.put(type, new FaultyTarget(target, this)));
        return new Targets(faulty);
    }

    FlagWriter flags(FlagWriter real) {
        return (store, flags) -> {
            onTarget();
            real.write(store, flags);
        };
    }

    Notifier notifier(Notifier real) {
        return (rule, message) -> {
            scenario.fault(Fault.System.NOTIFIER, since(), f -> true).ifPresent(f -> {
                throw new NotSent(rule.channel() + ": " + f.error().message);
            });
            real.send(rule, message);
        };
    }

    /** Throws what the target's API answers while a target fault is on. */
    void onTarget() {
        scenario.fault(Fault.System.TARGET, since(), f -> true).ifPresent(f -> {
            throw new RolloutTarget.Unavailable(f.error().message);
        });
    }

    /** Throws what the metric source answers for {@code metric} while a metrics fault is on. */
    void onMetric(String metric) {
        scenario.fault(Fault.System.METRICS, since(), f -> f.metric() == null || f.metric().equals(metric)).ifPresent(f -> {
            throw new MetricSource.Unavailable(f.error().message);
        });
    }

    /** The bus drops the first delivery to each fault's step function at or after its {@code at}. */
    BiPredicate<String, RolloutEvent> drops() {
        return (function, event) -> {
            Predicate<Fault> due = f -> f.system() == Fault.System.BUS && f.drop().equals(function) && !dropped.contains(f)
                    && since().compareTo(f.at()) >= 0;
            return scenario.faults().stream().filter(due).findFirst().map(dropped::add).orElse(false);
        };
    }

    private Duration since() {
        Instant now = clock.instant();
        return Duration.between(scenario.start(), now);
    }
}

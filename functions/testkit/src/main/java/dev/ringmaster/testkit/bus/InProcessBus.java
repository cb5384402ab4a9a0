package dev.ringmaster.testkit.bus;

import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.RolloutEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The local stand-in for the EventBridge bus and its rules: every event goes to each step function whose rule
 * matches it, in the order they subscribed, on the publishing thread (so a simulated tick finishes its whole
 * chain before the clock moves on). Events published while handling one are delivered after it, as on a real
 * bus. A step that throws fails only its own delivery, as one Lambda's error does not stop another's: the
 * failure is recorded and the outbox sends the event again later.
 */
public final class InProcessBus implements EventPublisher {
    private final List<Route> routes = new ArrayList<>();
    private final List<RolloutEvent> published = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final ArrayList<RolloutEvent> queue = new ArrayList<>();
    private BiPredicate<String, RolloutEvent> drop = (function, event) -> false;
    private boolean dispatching;

    private record Route(String function, Predicate<RolloutEvent> rule, Consumer<RolloutEvent> step) {
    }

    /** A delivery that threw: which function, which event, what it said. */
    public record Failure(String function, RolloutEvent event, RuntimeException error) {
    }

    /** Routes events matching {@code rule} to {@code step}, named {@code function} for faults and failures. */
    public synchronized InProcessBus subscribe(String function, Predicate<RolloutEvent> rule, Consumer<RolloutEvent> step) {
        routes.add(new Route(function, rule, step));
        return this;
    }

    /** Deliveries for which {@code drop} answers true are lost, as if the bus or the function never saw them. */
    public synchronized InProcessBus dropping(BiPredicate<String, RolloutEvent> drop) {
        this.drop = drop;
        return this;
    }

    @Override
    public synchronized void publish(RolloutEvent event) {
        published.add(event);
        queue.add(event);
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            while (!queue.isEmpty()) {
                RolloutEvent next = queue.remove(0);
                for (Route r : routes) {
                    if (!r.rule().test(next) || drop.test(r.function(), next)) {
                        continue;
                    }
                    try {
                        r.step().accept(next);
                    } catch (RuntimeException e) {
                        failures.add(new Failure(r.function(), next, e));
                    }
                }
            }
        } finally {
            dispatching = false;
        }
    }

    public synchronized List<RolloutEvent> published() {
        return List.copyOf(published);
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }
}

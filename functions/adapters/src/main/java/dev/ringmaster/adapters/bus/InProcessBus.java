package dev.ringmaster.adapters.bus;

import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.RolloutEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local stand-in for the EventBridge bus: every event goes to every subscribed step function, in the
 * order they subscribed, on the publishing thread (so a simulated tick finishes its whole chain before the
 * clock moves on). Events published while handling one are delivered after it, as on a real bus.
 */
public final class InProcessBus implements EventPublisher {
    private final List<Consumer<RolloutEvent>> subscribers = new ArrayList<>();
    private final List<RolloutEvent> published = new ArrayList<>();
    private final ArrayList<RolloutEvent> queue = new ArrayList<>();
    private boolean dispatching;

    public synchronized InProcessBus subscribe(Consumer<RolloutEvent> subscriber) {
        subscribers.add(subscriber);
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
                subscribers.forEach(s -> s.accept(next));
            }
        } finally {
            dispatching = false;
        }
    }

    public synchronized List<RolloutEvent> published() {
        return List.copyOf(published);
    }
}

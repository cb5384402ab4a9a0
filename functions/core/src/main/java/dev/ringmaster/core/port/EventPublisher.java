package dev.ringmaster.core.port;

/** Puts rollout events on the bus (EventBridge in the cloud, an in-process bus locally). */
public interface EventPublisher {

    void publish(RolloutEvent event);
}

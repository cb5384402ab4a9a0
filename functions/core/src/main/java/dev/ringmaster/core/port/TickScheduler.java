package dev.ringmaster.core.port;

import java.time.Duration;

/** Ticks a rollout every {@code rate} while it is active (an EventBridge Scheduler schedule per rollout in the cloud). */
public interface TickScheduler {

    void schedule(String rolloutId, Duration rate);

    void unschedule(String rolloutId);
}

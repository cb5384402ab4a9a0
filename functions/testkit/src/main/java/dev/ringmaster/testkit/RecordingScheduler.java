package dev.ringmaster.testkit;

import dev.ringmaster.core.port.TickScheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulator ticks by itself; this remembers which rollouts would have a schedule, as EventBridge Scheduler would. */
public final class RecordingScheduler implements TickScheduler {
    private final Map<String, Duration> schedules = new LinkedHashMap<>();

    @Override
    public synchronized void schedule(String rolloutId, Duration rate) {
        schedules.put(rolloutId, rate);
    }

    @Override
    public synchronized void unschedule(String rolloutId) {
        schedules.remove(rolloutId);
    }

    public synchronized Map<String, Duration> schedules() {
        return Map.copyOf(schedules);
    }
}

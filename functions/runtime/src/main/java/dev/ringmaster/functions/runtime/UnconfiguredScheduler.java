package dev.ringmaster.functions.runtime;

import dev.ringmaster.core.port.TickScheduler;
import java.time.Duration;

/** The scheduler of a function deployed without ringmaster.scheduler.function-arn / role-arn. */
final class UnconfiguredScheduler implements TickScheduler {

    @Override
    public void schedule(String rolloutId, Duration rate) {
        throw new IllegalStateException("cannot schedule ticks for " + rolloutId
                + ": set ringmaster.scheduler.function-arn and ringmaster.scheduler.role-arn");
    }

    @Override
    public void unschedule(String rolloutId) {
        throw new IllegalStateException("cannot delete the tick schedule of " + rolloutId
                + ": set ringmaster.scheduler.function-arn and ringmaster.scheduler.role-arn");
    }
}

package dev.ringmaster.core.step;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Seed 002 "daily status updates during rollout": once each full day after the start, a running rollout tells
 * every rule that listens for {@code daily-status} where it stands. Which day was told is kept in the tick's memory
 * ("HOLD @day2"), so a redelivered or repeated tick never tells it twice; a tick that already announces a decision
 * leaves the day for the next tick, so the status is late by a tick rather than lost.
 */
public final class DailyStatus {
    private static final String DAY = " @day";

    private DailyStatus() {
    }

    /** The day whose status this tick tells, or 0 for none. */
    static long due(Plan plan, Rollout before, Rollout after, Instant now, boolean announcing) {
        if (announcing || after.state() != RolloutState.RUNNING || before.startedAt() == null || !listened(plan)) {
            return 0;
        }
        long today = Duration.between(before.startedAt(), now).toDays();
        return today > told(before.lastDecision()) ? today : 0;
    }

    /** The memory to store: this tick's decision and the last day told. */
    static String remember(String memory, String previous, long toldNow) {
        long day = toldNow > 0 ? toldNow : told(previous);
        return day > 0 ? memory + DAY + day : memory;
    }

    /** The decision part of a stored memory, without the day: what {@code status} shows. */
    public static String decision(String memory) {
        if (memory == null) {
            return null;
        }
        int at = memory.lastIndexOf(DAY);
        return at < 0 ? memory : memory.substring(0, at);
    }

    private static long told(String memory) {
        int at = memory == null ? -1 : memory.lastIndexOf(DAY);
        return at < 0 ? 0 : Long.parseLong(memory.substring(at + DAY.length()));
    }

    private static boolean listened(Plan plan) {
        return Stream.concat(plan.notifyRules().stream(),
                        plan.phases().stream().filter(p -> p.notifyRules() != null).flatMap(p -> p.notifyRules().stream()))
                .anyMatch(r -> !r.audience() && r.on().contains(NotifyEvent.DAILY_STATUS));
    }
}

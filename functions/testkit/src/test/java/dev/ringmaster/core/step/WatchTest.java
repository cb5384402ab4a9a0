package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 10: watching does not stop at RUNNING. Which rollouts still have their halt rules judged, and until when. */
class WatchTest {
    private static final Instant STOPPED = Instant.parse("2026-12-01T12:00:00Z");
    private static final Plan WATCHED = PlanParser.parse("w.yaml", StepWorld.plan(0, 1)
            .replace("  notify:", "  watchAfterComplete: 7d\n  watchAfterRollback: 24h\n  notify:")).plan();
    private static final Plan UNWATCHED = PlanParser.parse("u.yaml", StepWorld.plan(0, 1)).plan();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a HALTED build is still live: its halt rules are judged", WATCHED, RolloutState.HALTED, Duration.ofDays(30), true),
                Arguments.of("a PAUSED build too", UNWATCHED, RolloutState.PAUSED, Duration.ofDays(30), true),
                Arguments.of("a rollback not yet confirmed: the build is still out there", WATCHED, RolloutState.ROLLING_BACK, Duration.ofDays(3), true),
                Arguments.of("a rollback the target refused: still out there", WATCHED, RolloutState.ROLLBACK_FAILED, Duration.ofDays(3), true),
                Arguments.of("seed 002 week 1: six days after COMPLETED", WATCHED, RolloutState.COMPLETED, Duration.ofDays(6), true),
                Arguments.of("seed 002 week 1: over after seven days", WATCHED, RolloutState.COMPLETED, Duration.ofDays(7), false),
                Arguments.of("no watchAfterComplete: a COMPLETED rollout is done", UNWATCHED, RolloutState.COMPLETED, Duration.ofMinutes(5), false),
                Arguments.of("seed 003: keep monitoring 24 hours after a rollback", WATCHED, RolloutState.ROLLED_BACK, Duration.ofHours(23), true),
                Arguments.of("seed 003: the 24 hours are over", WATCHED, RolloutState.ROLLED_BACK, Duration.ofHours(24), false),
                Arguments.of("watchAfterRollback defaults to 24h", UNWATCHED, RolloutState.ROLLED_BACK, Duration.ofHours(12), true),
                Arguments.of("a RUNNING rollout is judged by its tick, not watched", WATCHED, RolloutState.RUNNING, Duration.ZERO, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void watched(String rule, Plan plan, RolloutState state, Duration after, boolean watched) {
        Rollout r = new Rollout(StepWorld.ID, state, 1, STOPPED, STOPPED, 7, -1, false, false, "stopped", null, 0, 0, java.util.List.of(),
                null, STOPPED);
        assertEquals(watched, Watch.watched(plan, r, STOPPED.plus(after)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("days")
    void eachDayOfTheWatchIsJudgedOnItsOwnEvidence(String rule, Duration after, Duration since) {
        assertEquals(STOPPED.plus(since), Watch.today(STOPPED, STOPPED.plus(after)));
    }

    static Stream<Arguments> days() {
        return Stream.of(
                Arguments.of("the first day from the stop", Duration.ofHours(5), Duration.ZERO),
                Arguments.of("day 5 starts 4 days after the stop", Duration.ofHours(4 * 24 + 3), Duration.ofDays(4)));
    }
}

package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.core.plan.Plan;
import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.Rollout;
import dev.ringmaster.core.rollout.RolloutState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What `status` says of a rollback's time (seed 000 per ring, seed 004 "< 30 minutes") and of the watch. */
class StatusCommandTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final Plan CANARY = PlanParser.parse(Path.of(RepoPaths.path("events/plans/004-canary-cohorts.yaml"))).plan();
    private static final Plan ANDROID = PlanParser.parse(Path.of(RepoPaths.path("events/plans/002-android-staged.yaml"))).plan();

    private static Rollout in(RolloutState state) {
        return new Rollout("web-2-1-0-canary", state, 2, T, T, 9, -1, false, false, "because", null, 0, 0, List.of(), null, T);
    }

    @Test
    void aRollbackUnderWay_saysHowLongItHasTaken_againstItsLimit() {
        assertEquals(Optional.of("rollback: decided at 2026-12-01T10:00:00Z, not confirmed yet after 12m (rollbackWithin 30m)"),
                StatusCommand.rollbackTime(CANARY, in(RolloutState.ROLLING_BACK), List.of(), T.plus(Duration.ofMinutes(12))));
        assertEquals(Optional.of("rollback: decided at 2026-12-01T10:00:00Z, not confirmed yet after 45m, OVER its rollbackWithin 30m"),
                StatusCommand.rollbackTime(CANARY, in(RolloutState.ROLLBACK_FAILED), List.of(), T.plus(Duration.ofMinutes(45))));
    }

    @Test
    void aConfirmedRollback_saysWhatItsTransitionRecorded() {
        HistoryEntry confirmed = new HistoryEntry("web-2-1-0-canary", T, 9, HistoryEntry.Kind.TRANSITION, "ROLLING_BACK → ROLLED_BACK", "beta",
                "ringmaster", List.of("rolled back in 12m (rollbackWithin 30m): done: beta: feature-flag disabled at 0%"));
        assertEquals(Optional.of("rollback: confirmed at 2026-12-01T10:00:00Z, rolled back in 12m (rollbackWithin 30m)"),
                StatusCommand.rollbackTime(CANARY, in(RolloutState.ROLLED_BACK), List.of(confirmed), T.plus(Duration.ofHours(1))));
        assertEquals(Optional.empty(), StatusCommand.rollbackTime(CANARY, in(RolloutState.RUNNING), List.of(confirmed), T));
    }

    @Test
    void theWatchSaysUntilWhen() {
        assertEquals(Optional.of("watch: halt rules judged until 2026-12-08T10:00:00Z (watchAfterComplete 7d)"),
                StatusCommand.watching(ANDROID, in(RolloutState.COMPLETED), T.plus(Duration.ofDays(1))));
        assertEquals(Optional.of("watch: halt rules judged until (ended) 2026-12-02T10:00:00Z (watchAfterRollback 24h)"),
                StatusCommand.watching(CANARY, in(RolloutState.ROLLED_BACK), T.plus(Duration.ofDays(2))));
        assertEquals(Optional.empty(), StatusCommand.watching(CANARY, in(RolloutState.COMPLETED), T), "004 has no watchAfterComplete");
        assertEquals(Optional.of("watch: halt rules still judged, the build is live"), StatusCommand.watching(CANARY, in(RolloutState.HALTED), T));
    }
}

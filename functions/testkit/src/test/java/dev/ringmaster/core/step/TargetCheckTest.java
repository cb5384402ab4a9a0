package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.rollout.DecisionType;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.testkit.sim.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 11: every tick reads the track; a change made by hand in Play Console is noticed, recorded, told, never overwritten. */
class TargetCheckTest {
    private static final String PKG = "com.example.vpn";
    private final StepWorld w = new StepWorld();

    static Stream<Arguments> changesByHand() {
        return Stream.of(
                Arguments.of("halted in Play Console", (Consumer<StepWorld>) x -> x.sims.play().haltByHand(PKG, "production"),
                        "halted 10%", "halted in Play Console at 10 %"),
                Arguments.of("raised in Play Console", (Consumer<StepWorld>) x -> x.sims.play().updateTrack(PKG, "production",
                        List.of("2100"), "inProgress", 0.5), "inProgress 50%", "raised in Play Console to 50 %; the phase is at 10 %"),
                Arguments.of("completed in Play Console", (Consumer<StepWorld>) x -> x.sims.play().updateTrack(PKG, "production",
                        List.of("2100"), "completed", null), "completed", "completed in Play Console: every user gets it, the phase is at 10 %"));
    }

    @ParameterizedTest(name = "{0}: noticed, the rollout paused, on-call told, the track left as the person set it")
    @MethodSource("changesByHand")
    void aChangeMadeByHand_isNoticedRecordedToldAndNeverOverwritten(String name, Consumer<StepWorld> byHand, String track, String seen) {
        w.startLive(StepWorld.HEALTHY);
        byHand.accept(w);

        w.clock.advance(Duration.ofMinutes(5));
        EvaluateGates.Result r = w.tickAndDeliver();

        assertEquals(RolloutState.PAUSED, w.rollout().state(), r.note());
        assertTrue(r.note().contains(seen), r.note());
        HistoryEntry observed = w.store.history(StepWorld.ID).stream().filter(e -> e.what().equals("observe changed-by-hand")).findFirst()
                .orElseThrow(() -> new AssertionError("no changed-by-hand entry in " + w.store.history(StepWorld.ID)));
        assertEquals(List.of(seen), observed.reasons());
        List<SentMessage> told = w.recorded.messages().stream().filter(m -> m.event().equals("changed-by-hand")).toList();
        assertEquals(1, told.size(), "slack told once: " + w.recorded.messages());
        assertTrue(told.get(0).text().contains("resume") && told.get(0).text().contains("roll back"), told.get(0).text());

        for (int i = 0; i < 6; i++) {
            w.clock.advance(Duration.ofMinutes(5));
            w.tickAndDeliver();
        }
        assertEquals(track, w.track(), "ringmaster never put the track back by itself");
        assertEquals(1, w.recorded.messages().stream().filter(m -> m.event().equals("changed-by-hand")).count(), "told once, not every tick");
    }

    @Test
    void theTrackAsRingmasterLeftIt_keepsTheRolloutRunning() {
        w.startLive(StepWorld.HEALTHY);

        w.clock.advance(Duration.ofMinutes(5));
        EvaluateGates.Result r = w.tickAndDeliver();

        assertEquals(DecisionType.HOLD, r.decision().orElseThrow().type(), r.note());
        assertEquals(RolloutState.RUNNING, w.rollout().state(), r.note());
        assertEquals("inProgress 10%", w.track());
    }

    static Stream<Arguments> checksThatCannotBeMade() {
        return Stream.of(Arguments.of(new RolloutTarget.Unavailable("503 Service Unavailable"), "503 Service Unavailable"),
                Arguments.of(new IllegalStateException("cannot read secret ssm:/vpn/play-key: ParameterNotFound"),
                        "cannot read secret ssm:/vpn/play-key: ParameterNotFound"));
    }

    @ParameterizedTest(name = "{1}: said; the tick's decision stands and the tick finishes")
    @MethodSource("checksThatCannotBeMade")
    void aRunningTickWhoseTargetCannotBeRead_saysTheTrackWasNotChecked(RuntimeException down, String said) {
        w.startLive(StepWorld.HEALTHY);
        w.targetDown.set(down);

        w.clock.advance(Duration.ofMinutes(5));
        EvaluateGates.Result r = w.evaluate().tick(StepWorld.ID);

        assertTrue(r.written(), r.note());
        assertEquals(RolloutState.RUNNING, w.rollout().state());
        assertTrue(r.note().contains("google-play com.example.vpn production not checked: " + said), r.note());
    }
}

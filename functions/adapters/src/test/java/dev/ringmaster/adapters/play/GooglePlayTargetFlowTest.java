package dev.ringmaster.adapters.play;

import static dev.ringmaster.adapters.play.PlayBodies.release;
import static dev.ringmaster.adapters.play.PlayBodies.track;
import static dev.ringmaster.adapters.play.PlayWireMock.TARGET;
import static dev.ringmaster.adapters.play.PlayWireMock.phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.androidpublisher.model.Track;
import com.google.api.services.androidpublisher.model.TrackRelease;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each rollout call writes to the track: one edit, the whole track back, every other release kept. */
class GooglePlayTargetFlowTest {
    private static final String EDIT = "06541098213740825123";
    private final PlayWireMock play = new PlayWireMock();
    private final GooglePlayTarget target = play.target();

    @AfterEach
    void stop() {
        play.close();
    }

    static Stream<Arguments> calls() {
        Function<GooglePlayTarget, TargetState> start = t -> t.enter(TARGET, phase(10), "2.1.0");
        Function<GooglePlayTarget, TargetState> advance = t -> t.enter(TARGET, phase(20), "2.1.0");
        Function<GooglePlayTarget, TargetState> halt = t -> t.halt(TARGET, phase(20), "2.1.0");
        Function<GooglePlayTarget, TargetState> resume = t -> t.resume(TARGET, phase(20), "2.1.0");
        Function<GooglePlayTarget, TargetState> rollback = t -> t.rollback(TARGET, phase(20), "2.1.0");
        return Stream.of(
                // call, track before, status sent, userFraction sent
                Arguments.of("start at 10 %", start, track(null), "inProgress", 0.1),
                Arguments.of("advance to 20 %", advance, track(release("inProgress", 0.1)), "inProgress", 0.2),
                Arguments.of("halt keeps the fraction", halt, track(release("inProgress", 0.2)), "halted", 0.2),
                Arguments.of("resume a release halted by hand", resume, track(release("halted", 0.1)), "inProgress", 0.2),
                Arguments.of("rollback halts", rollback, track(release("inProgress", 0.2)), "halted", 0.2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void eachCall_insertsGetsUpdatesAndCommitsOneEdit_keepingThePreviousRelease(String name,
            Function<GooglePlayTarget, TargetState> call, String before, String status, Double fraction) {
        play.editsInserted(EDIT);
        play.edit(EDIT, before);

        TargetState state = call.apply(target);

        assertEquals(PlayWireMock.insertGetPutCommit(EDIT), play.calls());
        Track sent = play.sentTrack(EDIT);
        assertEquals("production", sent.getTrack());
        TrackRelease ours = sent.getReleases().get(0);
        assertEquals(List.of(2100L), ours.getVersionCodes(), "versionCodes are sent as int64 strings");
        assertEquals(status, ours.getStatus());
        assertEquals(fraction, ours.getUserFraction());
        TrackRelease previous = sent.getReleases().get(1);
        assertEquals(List.of(2000L), previous.getVersionCodes(), "the completed previous release still serves everyone else");
        assertEquals("completed", previous.getStatus());
        assertEquals(2, sent.getReleases().size());
        assertEquals(status, state.status());
        assertEquals(fraction * 100, state.percent(), 1e-9);
        assertTrue(state.detail().contains("[2100]"), state.detail());
    }

    @Test
    void versionCodesInTheRequestBody_areJsonStrings() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(null));

        target.enter(TARGET, phase(10), "2.1.0");

        String body = play.events().stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT")).findFirst()
                .orElseThrow().getRequest().getBodyAsString();
        assertTrue(body.contains("\"versionCodes\":[\"2100\"]"), body);
    }

    @Test
    void rollback_saysPlayCannotTakeTheVersionAway() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(release("inProgress", 0.2)));

        TargetState state = target.rollback(TARGET, phase(20), "2.1.0");

        assertTrue(state.detail().contains("users who have it keep it; ship a hotfix versionCode"), state.detail());
    }

    @Test
    void complete_sendsCompletedWithoutFraction_supersedingThePreviousCompletedRelease_keepingADraft() {
        String draft = "{\"name\":\"2.2.0\",\"versionCodes\":[\"2200\"],\"status\":\"draft\"}";
        play.editsInserted(EDIT);
        play.edit(EDIT, "{\"track\":\"production\",\"releases\":[" + release("inProgress", 0.5) + "," + draft
                + ",{\"name\":\"2.0.0\",\"versionCodes\":[\"2000\"],\"status\":\"completed\"}]}");

        TargetState state = target.complete(TARGET, "2.1.0");

        assertEquals(PlayWireMock.insertGetPutCommit(EDIT), play.calls());
        List<TrackRelease> sent = play.sentTrack(EDIT).getReleases();
        assertEquals(2, sent.size(), "Play holds one completed release per track: ours replaces 2000");
        assertEquals("completed", sent.get(0).getStatus());
        assertNull(sent.get(0).getUserFraction());
        assertEquals("Split tunnelling.", sent.get(0).getReleaseNotes().get(0).getText(), "the release's notes are kept");
        assertEquals(List.of(2200L), sent.get(1).getVersionCodes());
        assertEquals("draft", sent.get(1).getStatus());
        assertEquals(new TargetState("completed", 100, state.detail()), state);
    }

    @Test
    void enterAt100Percent_completesTheRelease() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(release("inProgress", 0.5)));

        TargetState state = target.enter(TARGET, phase(100), "2.1.0");

        assertEquals("completed", play.sentTrack(EDIT).getReleases().get(0).getStatus());
        assertNull(play.sentTrack(EDIT).getReleases().get(0).getUserFraction());
        assertEquals(100, state.percent());
    }

    @Test
    void start_namesTheReleaseWhenThePlanGivesReleaseName() {
        Target named = new Target(TargetType.GOOGLE_PLAY, Map.of("packageName", "com.example.vpn", "track", "production",
                "versionCodes", List.of(2100.0), "releaseName", "2.1.0 (2100)"));
        play.editsInserted(EDIT);
        play.edit(EDIT, track(null));

        target.enter(named, phase(10), "2.1.0");

        TrackRelease ours = play.sentTrack(EDIT).getReleases().get(0);
        assertEquals("2.1.0 (2100)", ours.getName());
        assertEquals(List.of(2100L), ours.getVersionCodes(), "2100.0 from a YAML reader is still versionCode 2100");
    }

    @Test
    void aTrackAlreadyAsWanted_isLeftAlone_theEditDeletedAndNothingCommitted() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(release("inProgress", 0.2)));

        TargetState state = target.enter(TARGET, phase(20), "2.1.0");

        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls());
        assertEquals("inProgress", state.status());
        assertEquals(20, state.percent(), 1e-9);
        assertTrue(state.detail().contains("nothing committed"), state.detail());
    }

    @Test
    void haltingAHaltedRelease_commitsNothing() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(release("halted", 0.2)));

        TargetState state = target.halt(TARGET, phase(20), "2.1.0");

        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls());
        assertEquals(new TargetState("halted", 20, state.detail()), state);
    }

    @Test
    void observe_readsThroughAnEditItDeletes_andReportsOurRelease() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(release("inProgress", 0.07)));

        TargetState state = target.observe(TARGET, "2.1.0");

        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls());
        assertEquals("inProgress", state.status());
        assertEquals(7, state.percent(), "0.07 × 100 reads as 7, not 7.000000000000001");
        assertTrue(state.detail().contains("versionCodes [2100]"), state.detail());
    }

    @Test
    void observe_withoutOurRelease_saysAbsent() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(null));

        TargetState state = target.observe(TARGET, "2.1.0");

        assertEquals("absent", state.status());
        assertEquals(0, state.percent());
    }

    @Test
    void hold_ofALivePhaseWhoseReleaseWasRemovedInTheConsole_reportsAChangeByHand() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(null));

        var removed = assertThrows(RolloutTarget.ChangedByHand.class, () -> target.hold(TARGET, phase(10), "2.1.0"));

        assertEquals("versionCodes [2100] on com.example.vpn production: the release is no longer on the track (removed in Play Console);"
                + " the phase is at 10 %", removed.getMessage());
        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls(), "read in an edit it deleted, nothing written");
    }

    @Test
    void enterBelowAFractionRaisedByHand_isRefused_sayingWhatPlayShowsAndWhatThePlanAsked() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(release("inProgress", 0.5)));

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, phase(20), "2.1.0"));

        assertTrue(refused.getMessage().contains("raised by hand in Play Console to 50 %"), refused.getMessage());
        assertTrue(refused.getMessage().contains("the plan asks for 20 %"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ringmaster will not lower it; pause or promote"), refused.getMessage());
        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls(), "nothing is written, the edit is deleted");
    }

    @Test
    void enterWhenCompletedByHand_isRefused() {
        play.editsInserted(EDIT);
        play.edit(EDIT, "{\"track\":\"production\",\"releases\":[" + release("completed", null) + "]}");

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, phase(20), "2.1.0"));

        assertTrue(refused.getMessage().contains("completed by hand in Play Console"), refused.getMessage());
        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls());
    }

    @Test
    void haltWhenCompleted_isRefused_askingForAHotfix() {
        play.editsInserted(EDIT);
        play.edit(EDIT, "{\"track\":\"production\",\"releases\":[" + release("completed", null) + "]}");

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.halt(TARGET, phase(20), "2.1.0"));

        assertTrue(refused.getMessage().contains("the release is completed: Play cannot halt it; ship a hotfix versionCode"),
                refused.getMessage());
        assertEquals(PlayWireMock.insertGetDelete(EDIT), play.calls());
    }

    @Test
    void haltWithoutOurRelease_isRefused_notFound() {
        play.editsInserted(EDIT);
        play.edit(EDIT, track(null));

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.halt(TARGET, phase(20), "2.1.0"));

        assertTrue(refused.getMessage().contains("notFound"), refused.getMessage());
    }

    @Test
    void aPhaseWithoutPercentage_isRefusedBeforeAnyCall() {
        var cohort = new dev.ringmaster.core.plan.Phase("internal", null, "internal_test", List.of(), null, null, null,
                java.time.Duration.ofHours(1), null, null, null, Map.of(), null, List.of());

        var refused = assertThrows(RolloutTarget.Refused.class, () -> target.enter(TARGET, cohort, "2.1.0"));

        assertTrue(refused.getMessage().contains("needs one"), refused.getMessage());
        assertEquals(List.of(), play.calls());
    }
}

package dev.ringmaster.sim;

import static dev.ringmaster.sim.SimulationTest.simulate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import dev.ringmaster.testkit.sim.SentMessage;
import dev.ringmaster.testkit.sim.SimRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's seed rules, each in a scenario of events/scenarios that `simulate` runs: what the simulated
 * stores, registry, flag document and channels hold when it is over ({@code exampleRun.targetCalls}, the flags,
 * the messages).
 */
class SeedScenariosTest {

    private static List<String> calls(SimulationRun run) {
        return run.targetCalls().stream().map(c -> c.call() + " " + c.phase() + " " + c.result()).toList();
    }

    private static List<SentMessage> told(SimulationRun run, String event) {
        return run.messages().stream().filter(m -> m.event().equals(event)).toList();
    }

    /** Every leaf of the flag document: booleans and percentages (the version string is not a switch). */
    private static void switches(Object node, String path, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> switches(v, path.isEmpty() ? k.toString() : path + "." + k, out));
        } else if (node instanceof Boolean || node instanceof Number) {
            out.add(path + "=" + node);
        }
    }

    @Test
    void seed004KillSwitch_aGlobalKillAfterCompleted_leavesEveryFlagOff() throws IOException {
        SimulationRun run = simulate("events/plans/004-canary-cohorts.yaml", "events/scenarios/canary-kill-after-ga.yaml", 1);

        assertEquals(RolloutState.ROLLED_BACK, run.outcome().state());
        assertTrue(run.outcome().byCommand(), "on-call's kill, not a false halt");
        List<String> calls = calls(run);
        int complete = calls.indexOf("complete ga ok");
        assertTrue(complete > 0, calls.toString());
        assertEquals(List.of("kill ga ok", "rollback ga ok", "rollback beta ok", "rollback friendly-gp ok", "rollback internal-test ok"),
                calls.subList(complete + 1, calls.size()));
        List<String> switches = new ArrayList<>();
        switches(run.flags(), "", switches);
        assertTrue(switches.contains("system.canary.enabled=false"), switches.toString());
        assertEquals(List.of(), switches.stream().filter(s -> !s.endsWith("=false") && !s.endsWith("=0.0")).toList(),
                "nothing the rollout turned on stays on");
        assertEquals(List.of("slack", "email"), told(run, "killed").stream().map(SentMessage::channel).toList(),
                "#releases, and seed 004's executive briefing by email: " + run.messages());
    }

    @Test
    void seed004CircuitBreaker_threeConsecutiveTicksOfPanicsDisableAHaltedFlagCanary() throws IOException {
        SimulationRun run = simulate("events/plans/004-canary-cohorts.yaml", "events/scenarios/canary-crashes-circuit-breaker.yaml", 1);

        assertEquals(RolloutState.ROLLED_BACK, run.outcome().state());
        List<SimulationRun.DecisionMark> acted = run.decisions().stream().filter(d -> !d.decision().equals("HOLD")).toList();
        assertEquals(List.of("HALT", "KILL"), acted.stream().map(SimulationRun.DecisionMark::decision).toList(), run.decisions().toString());
        String kill = acted.get(1).summary();
        assertTrue(kill.contains("3 consecutive errors of crashes ("), kill);
        assertTrue(kill.contains("disabling the canary with the kill switch (system.canary.enabled off)"), kill);
        List<String> calls = calls(run);
        assertEquals(List.of("enter internal-test ok", "halt internal-test ok", "kill internal-test ok", "rollback internal-test ok"), calls);
        assertEquals(false, ((Map<?, ?>) ((Map<?, ?>) run.flags().get("system")).get("canary")).get("enabled"));
    }

    @Test
    void seed000Hotfix_startedAtTheAffectedPhase_isWatchedAnHourPerPhase_thenPromoted() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-hotfix.yaml", "events/scenarios/android-hotfix-phase-2.yaml", 1);

        assertEquals(RolloutState.COMPLETED, run.outcome().state());
        List<SimulationRun.TargetCall> calls = run.targetCalls();
        assertEquals(List.of("enter phase-2 ok", "enter phase-3 ok", "complete phase-3 ok"), calls(run), "phase 1 is skipped");
        assertEquals(1.0, calls.get(1).hours(), 0.1, "promoted after hotfixSoak 1h, not phase 2's 48h: " + calls);
        assertEquals(2.0, calls.get(2).hours(), 0.2, "the last phase is watched for its hour too: " + calls);
    }

    @Test
    void seed000Hotfix_aHotfixThatFailsItsWatch_isRolledBackNotPaused() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-hotfix.yaml", "events/scenarios/android-hotfix-bad.yaml", 1);

        assertEquals(RolloutState.ROLLED_BACK, run.outcome().state());
        SimulationRun.DecisionMark last = run.decisions().get(run.decisions().size() - 1);
        assertEquals("ROLLBACK", last.decision(), run.decisions().toString());
        assertTrue(last.summary().contains("a hotfix that fails its watch is rolled back"), last.summary());
        assertTrue(run.hours() <= 1.0, "within its hour: " + run.hours());
    }

    @Test
    void seed002Resume_phaseOneSoaksAgainFromTheResume() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-pause-resume.yaml", 1);

        List<SimulationRun.TargetCall> calls = run.targetCalls();
        assertEquals(List.of("enter phase-1 ok", "halt phase-1 ok", "resume phase-1 ok", "enter phase-2 ok"), calls(run).subList(0, 4));
        assertEquals(30.0, calls.get(3).hours(), 0.2, "24 h of soak from the resume at 6 h, not from the start: " + calls);
    }

    @Test
    void seed003LowRisk_theFlagStaysOffForTheWholeFirstHour_thenGoesOnForEveryone() throws IOException {
        SimulationRun run = simulate("events/plans/003-low-risk.yaml", "events/scenarios/checkout-low-risk-healthy.yaml", 1);

        assertEquals(RolloutState.COMPLETED, run.outcome().state());
        List<SimulationRun.TargetCall> calls = run.targetCalls();
        assertEquals(List.of("enter flag-off ok", "enter flag-on ok", "complete flag-on ok"), calls(run));
        assertEquals(0, calls.get(0).hours(), 0.0, "deployed with the flag OFF at once");
        assertTrue(calls.get(1).hours() >= 1.0, "the flag goes on only after the silent hour: " + calls);
        assertEquals(Map.of("enabled", true, "version", "4.13.0", "percentage", 100.0), run.flags().get("saved_carts"));
    }

    @Test
    void seed002AppReview_anIosPlanUnderReviewIsNeverShownCompleted() throws IOException {
        SimulationRun run = simulate("events/plans/002-ios-testflight.yaml", "events/scenarios/ios-review-pending.yaml", 1);

        assertEquals(RolloutState.RUNNING, run.outcome().state(), "still waiting for Apple when the run ends");
        assertEquals(List.of("enter testflight ok", "enter app-review ok"), calls(run), "submitted once, never completed");
        assertEquals("WAIT_REVIEW", run.decisions().get(run.decisions().size() - 1).decision());
        assertTrue(run.targetState().endsWith("WAITING_FOR_REVIEW"), run.targetState());
        assertTrue(run.decisions().stream().noneMatch(d -> d.decision().equals("COMPLETE")), run.decisions().toString());
    }

    @Test
    void seed000CommsPerRing_theTestFlightRingsNotesAreItsWhatToTest_writtenWhenTheBuildArrives() throws IOException {
        SimulationRun run = simulate("events/plans/002-ios-testflight.yaml", "events/scenarios/ios-review-pending.yaml", 1);

        List<SentMessage> notes = run.messages().stream().filter(m -> m.channel().equals("testflight-notes")).toList();
        assertEquals(1, notes.size(), run.messages().toString());
        assertEquals("started", notes.get(0).event());
        assertEquals("Connect and reconnect on cellular", notes.get(0).text());
        assertEquals(List.of("slack advanced"), run.messages().stream().filter(m -> !m.channel().equals("testflight-notes"))
                .map(m -> m.channel() + " " + m.event()).toList(), "the team hears what its rule listens for");
    }

    @Test
    void seed002AppReview_aRejectionHaltsAndSaysSo() throws IOException {
        SimulationRun run = simulate("events/plans/002-ios-testflight.yaml", "events/scenarios/ios-review-rejected.yaml", 1);

        assertEquals(RolloutState.HALTED, run.outcome().state());
        SimulationRun.DecisionMark halt = run.decisions().get(run.decisions().size() - 1);
        assertEquals("HALT", halt.decision());
        assertTrue(halt.summary().contains("App Review rejected the version"), halt.summary());
        assertEquals(1, told(run, "halted").size(), "the team is told: " + run.messages());
    }

    @Test
    void seed002AppReview_aBuildWhoseTestFlightGateFailed_isNeverSubmitted() throws IOException {
        SimulationRun run = simulate("events/plans/002-ios-testflight.yaml", "events/scenarios/ios-testflight-crashes.yaml", 1);

        assertEquals(RolloutState.HALTED, run.outcome().state());
        assertEquals(List.of("enter testflight ok", "halt testflight ok"), calls(run), "no call ever reached App Review");
    }

    @Test
    void seed001Rollback_aRollbackInTheThirdRingWithdrawsRingsOneToThree_eachToItsLastGoodDigest() throws IOException {
        SimulationRun run = simulate("events/plans/001-aitherzero-rings.yaml", "events/scenarios/aitherzero-bad-ring-1.yaml", 1);

        assertEquals(RolloutState.ROLLED_BACK, run.outcome().state());
        assertEquals(List.of("enter staging ok", "enter ring-0 ok", "enter ring-1 ok", "rollback ring-1 ok", "rollback ring-0 ok",
                "rollback staging ok"), calls(run));
        String lastGood = SimRegistry.digestOf("1.4.2");
        List<HistoryEntry> rollbacks = run.history().stream().filter(h -> h.kind() == HistoryEntry.Kind.ACTION
                && h.what().startsWith("rollback ok")).toList();
        for (String ring : List.of("ring-1", "ring-0", "staging")) {
            assertTrue(rollbacks.stream().anyMatch(h -> h.phase().equals(ring) && h.reasons().get(0).contains(ring + " back to " + lastGood)),
                    ring + ": " + rollbacks);
        }
    }

    @Test
    void seed003Watch_aCompletedRolloutIsRolledBackByACriticalRule_thenThePostRollbackProcedureRuns() throws IOException {
        SimulationRun run = simulate("events/plans/003-medium-risk.yaml", "events/scenarios/checkout-regression-after-ga.yaml", 1);

        assertEquals(RolloutState.ROLLED_BACK, run.outcome().state());
        assertFalse(run.outcome().byCommand());
        List<String> calls = calls(run);
        assertEquals(List.of("complete full-100 ok", "rollback full-100 ok"), calls.subList(calls.size() - 2, calls.size()),
                "one flag carries every percentage phase: withdrawn once");
        Instant rolledBack = run.history().stream().filter(h -> h.what().endsWith("→ ROLLED_BACK")).findFirst().orElseThrow().at();
        SentMessage incident = told(run, "incident").get(0);
        assertEquals("slack", incident.channel());
        assertTrue(incident.text().contains("customers got this build"), incident.text());
        assertEquals(List.of("statuspage"), told(run, "customers-affected").stream().map(SentMessage::channel).toList(),
                "the status page, because customers had the build");
        List<SentMessage> postmortem = told(run, "postmortem-due");
        assertEquals(1, postmortem.size(), run.messages().toString());
        assertFalse(postmortem.get(0).at().isBefore(rolledBack.plus(Duration.ofHours(48))), "48 hours after: " + postmortem.get(0).at());
    }

    @Test
    void seed002WeekOneMonitoring_aRegressionAfterCompletedAlertsOnCallOnce() throws IOException {
        SimulationRun run = simulate("events/plans/002-android-staged.yaml", "events/scenarios/android-regression-after-ga.yaml", 1);

        assertEquals(RolloutState.COMPLETED, run.outcome().state(), "the plan's critical rules pause, and a completed build has nothing to pause");
        List<SentMessage> alerts = told(run, "alert");
        assertEquals(List.of("slack", "teams"), alerts.stream().map(SentMessage::channel).toList(),
                "#releases and on-call, once each: " + run.messages());
        Instant completed = run.history().stream().filter(h -> h.what().endsWith("→ COMPLETED")).findFirst().orElseThrow().at();
        assertTrue(alerts.get(0).at().isAfter(run.start().plus(Duration.ofHours(100))), "only once the regression began: " + alerts.get(0).at());
        assertTrue(alerts.get(0).at().isBefore(completed.plus(Duration.ofDays(7))), "within watchAfterComplete 7d");
        assertTrue(alerts.get(0).text().contains("crash_rate ≤ 0.02 for 15m FAIL: critical while COMPLETED"), alerts.get(0).text());
    }
}

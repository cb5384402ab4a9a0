package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.testkit.sim.RecordingNotifier;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.core.port.RolloutStore;
import dev.ringmaster.core.rollout.Command;
import dev.ringmaster.testkit.sim.SentMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notifications never lost, never doubled: claim, send, mark sent; a failed send releases its claim. */
class NotifyChannelTest {
    private final StepWorld w = new StepWorld();

    private List<String> told() {
        return w.recorded.messages().stream().map(SentMessage::event).toList();
    }

    private Instant until() {
        return w.clock.instant().plus(Duration.ofMinutes(1));
    }

    @Test
    void eachMessageGoesOutOnce_howeverOftenItsEventIsDelivered() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent paused = w.last();

        assertEquals(List.of("slack"), w.notifyChannel().handle(paused, until()));
        assertEquals(List.of(), w.notifyChannel().handle(paused, until()));

        assertEquals(List.of("started", "paused"), told());
        assertTrue(w.intent(paused).notified());
    }

    @Test
    void aSlackOutageLosesNoMessage_theRedeliveryAfterItSendsItOnce() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent paused = w.last();
        w.notifierDown.set(new IllegalStateException("500 Internal Server Error"));

        NotifyChannel.NotSent e = assertThrows(NotifyChannel.NotSent.class, () -> w.notifyChannel().handle(paused, until()));

        assertTrue(e.getMessage().contains("slack: 500 Internal Server Error"), e.getMessage());
        assertFalse(w.intent(paused).notified(), "still owed: the tick sends the event again");
        w.notifierDown.set(null);
        w.notifyChannel().handle(paused, until());
        w.notifyChannel().handle(paused, until());
        assertEquals(List.of("started", "paused"), told());
    }

    @Test
    void aMessageAnotherDeliveryIsStillSending_isNotCountedAsSent() {
        w.startLive(StepWorld.HEALTHY);
        w.command(Command.Type.PAUSE);
        RolloutEvent paused = w.last();
        String key = "notify#" + StepWorld.ID + "#" + paused.intentId() + "#paused#slack#ssm:/vpn/slack/releases";
        assertEquals(RolloutStore.MessageClaim.CLAIMED, w.store.claim(key, w.clock.instant(), until()));

        assertEquals(List.of(), w.notifyChannel().handle(paused, until()));

        assertFalse(w.intent(paused).notified(), "if that delivery fails, the outbox must still send it");
    }

    @Test
    void aCriticalAlertReachesEveryRule_whateverItListensFor() {
        String onlyHalted = StepWorld.HEALTHY.replace("- {channel: slack, url: \"ssm:/vpn/slack/releases\"}",
                "- {channel: slack, url: \"ssm:/vpn/slack/releases\", on: [halted]}");
        w.startLive(onlyHalted);
        w.command(Command.Type.PAUSE);
        w.targetDown.set(new dev.ringmaster.core.port.RolloutTarget.Unavailable("503"));
        assertThrows(RuntimeException.class, () -> w.deliver(w.last()));
        w.clock.advance(Duration.ofMinutes(5));
        w.evaluate().tick(StepWorld.ID);
        RolloutEvent alert = w.published.stream().filter(e -> e.event() == NotifyEvent.ACTION_FAILED).findFirst().orElseThrow();

        w.notifyChannel().handle(alert, until());

        assertEquals(List.of("action-failed"), told().stream().filter(e -> !e.equals("paused")).toList(),
                "the rule listens for halted only, and hears the critical alert");
    }

    private static final String ROUTED = StepWorld.plan(300, 10_000).replace("- {channel: slack, url: \"ssm:/vpn/slack/releases\"}",
            "- {channel: slack, url: \"ssm:/vpn/slack/releases\"}\n    - {channel: teams, url: \"ssm:/vpn/teams/oncall\", severity: critical}");

    private List<String> channelsOf(NotifyEvent event) {
        return w.recorded.sent().stream().filter(s -> s.message().event() == event).map(s -> s.rule().channel()).toList();
    }

    @Test
    void seed002AlertLevels_aCriticalOnlyChannelHearsTheHaltButNotTheStartOrAPause() {
        w.startLive(ROUTED);
        w.clock.advance(Duration.ofMinutes(5));
        w.tickAndDeliver();

        assertEquals(List.of("slack"), channelsOf(NotifyEvent.STARTED), "started is info: the critical-only channel stays quiet");
        assertEquals(List.of("slack", "teams"), channelsOf(NotifyEvent.HALTED), "3 % crashes against a 2 % halt rule: critical");
    }

    @Test
    void aHaltMessageSaysWhereItStopped_theVerdicts_andWhatOnCallCanDo() {
        w.startLive(ROUTED);
        w.clock.advance(Duration.ofMinutes(5));
        w.tickAndDeliver();

        Notifier.Message halted = w.recorded.sent().stream().map(RecordingNotifier.Sent::message)
                .filter(m -> m.event() == NotifyEvent.HALTED).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, halted.severity());
        assertEquals("phase-1", halted.details().phase());
        assertEquals("10%", halted.details().audience());
        assertEquals("HALTED", halted.details().state());
        assertTrue(halted.details().verdicts().stream().anyMatch(v -> v.startsWith("halt rule crash_rate ≤ 0.02 FAIL")),
                halted.details().verdicts().toString());
        assertEquals("Stopped at 10%: nothing advances until someone resumes, rolls back or promotes.", halted.details().next());
        assertEquals(List.of("Resume", "Roll back", "Promote anyway", "Status"),
                halted.details().commands().stream().map(Notifier.Instruction::label).toList());
        assertEquals("{\"command\":\"rollback\",\"rolloutId\":\"" + StepWorld.ID + "\",\"reason\":\"…\"}",
                halted.details().commands().get(1).operateEvent());
        assertEquals("ringmaster rollback " + StepWorld.ID + " --reason \"…\"", halted.details().commands().get(1).cli());
    }

    @Test
    void anAlertIsAsSevereAsTheRuleThatFired_aWarningNeverReachesACriticalOnlyChannel() {
        String warning = ROUTED.replace("- {metric: crash_rate, max: 0.02, severity: critical, action: pause}",
                "- {metric: crash_rate, max: 0.02, severity: warning, action: alert}").replace("max: 0.005}]", "max: 0.5}]");
        w.startLive(warning);
        w.clock.advance(Duration.ofMinutes(5));
        w.tickAndDeliver();

        assertEquals(List.of("slack"), channelsOf(NotifyEvent.ALERT));
        assertEquals(Severity.WARNING, w.recorded.sent().stream().map(RecordingNotifier.Sent::message)
                .filter(m -> m.event() == NotifyEvent.ALERT).findFirst().orElseThrow().severity());
    }

    @Test
    void seed002DailyStatus_onceADayWhileItRuns_neverTwice() {
        String daily = StepWorld.HEALTHY.replace("soak: 1h, gates", "soak: 5d, gates")
                .replace("- {channel: slack, url: \"ssm:/vpn/slack/releases\"}",
                        "- {channel: slack, url: \"ssm:/vpn/slack/releases\", on: [daily-status]}");
        w.startLive(daily);
        for (int i = 0; i < 3 * 24 * 12 + 6; i++) {
            w.clock.advance(Duration.ofMinutes(5));
            w.tickAndDeliver();
        }

        assertEquals(List.of("daily-status", "daily-status", "daily-status"), told(), "and nothing else: the rule listens for it only");
    }
}

package dev.ringmaster.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.NotifyEvent;
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
}

package dev.ringmaster.adapters.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifiersTest {
    /** A channel that keeps what it was asked to send, as the port's fakes do. */
    private static final class Recording implements Notifier {
        final List<String> sent = new ArrayList<>();

        @Override
        public void send(NotifyRule rule, Message message) {
            sent.add(rule.channel() + " " + message.event());
        }
    }

    private final Recording webhook = new Recording();
    private final Recording statuspage = new Recording();
    private final Recording inApp = new Recording();
    private final Notifiers notifiers = new Notifiers(Map.of("webhook", webhook, "statuspage", statuspage, "in-app", inApp));

    @Test
    void eachRule_goesToItsChannelsAdapter_only() {
        notifiers.send(new NotifyRule("statuspage", null, List.of()), SampleMessages.halted());
        notifiers.send(new NotifyRule("in-app", null, List.of()), SampleMessages.of(NotifyEvent.ADVANCED, "ring 2"));

        assertEquals(List.of("statuspage halted"), statuspage.sent);
        assertEquals(List.of("in-app advanced"), inApp.sent);
        assertEquals(List.of(), webhook.sent);
    }

    @Test
    void channelWithoutAnAdapter_failsNamingItAndTheConfiguredOnes() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> notifiers.send(new NotifyRule("teams", "ssm:/x", List.of()), SampleMessages.halted()));

        assertEquals("no notifier for channel 'teams' in this deployment (configured: [in-app, statuspage, webhook])", e.getMessage());
        assertEquals(Set.of("in-app", "statuspage", "webhook"), notifiers.channels());
    }

    @Test
    void aChannelsFailure_reachesTheCaller_unchanged() {
        IllegalStateException down = new IllegalStateException("webhook https://hooks.example.com refused: HTTP 410");
        Notifiers failing = new Notifiers(Map.of("webhook", (rule, message) -> {
            throw down;
        }));

        assertSame(down, assertThrows(IllegalStateException.class,
                () -> failing.send(new NotifyRule("webhook", "https://hooks.example.com", List.of()), SampleMessages.halted())));
    }
}

package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Sends nothing and keeps every message, so a simulation report can show who would have been told what, when. */
public final class RecordingNotifier implements Notifier {
    private final Clock clock;
    private final List<SentMessage> messages = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();

    /** A message as the channel adapter would get it: the rule it goes to and everything it says. */
    public record Sent(NotifyRule rule, Message message) {
    }

    public RecordingNotifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(NotifyRule rule, Message message) {
        messages.add(new SentMessage(clock.instant(), rule.channel(), message.rolloutId(), message.event().key, message.title(), message.text()));
        sent.add(new Sent(rule, message));
    }

    /** Every message with its rule and details, in the order sent. */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<SentMessage> messages() {
        return List.copyOf(messages);
    }
}

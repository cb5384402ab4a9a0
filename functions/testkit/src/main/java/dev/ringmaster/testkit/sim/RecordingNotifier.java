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

    public RecordingNotifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(NotifyRule rule, Message message) {
        messages.add(new SentMessage(clock.instant(), rule.channel(), message.rolloutId(), message.event().key, message.title(), message.text()));
    }

    public synchronized List<SentMessage> messages() {
        return List.copyOf(messages);
    }
}

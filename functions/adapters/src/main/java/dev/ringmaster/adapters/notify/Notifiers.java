package dev.ringmaster.adapters.notify;

import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deployment's notifiers by channel ({@code slack}, {@code webhook}, {@code statuspage}, …): each rule goes to
 * its channel's adapter. A plan may name a channel this deployment has no adapter for; its messages fail loudly,
 * naming the channel and the ones there are, rather than vanish.
 */
public final class Notifiers implements Notifier {
    private final Map<String, Notifier> byChannel;

    public Notifiers(Map<String, Notifier> byChannel) {
        this.byChannel = Map.copyOf(byChannel);
    }

    @Override
    public void send(NotifyRule rule, Message message) {
        Notifier notifier = byChannel.get(rule.channel());
        if (notifier == null) {
            throw new IllegalStateException("no notifier for channel '" + rule.channel() + "' in this deployment (configured: "
                    + channels() + ")");
        }
        notifier.send(rule, message);
    }

    /** The channels this deployment can send to, sorted (for checking a plan before it starts). */
    public Set<String> channels() {
        return new TreeMap<>(byChannel).keySet();
    }
}

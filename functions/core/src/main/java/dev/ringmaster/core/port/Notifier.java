package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.plan.NotifyRule;

/** Tells people: Slack, Teams, a webhook, a status page. A send that did not go out throws. */
public interface Notifier {

    void send(NotifyRule rule, Message message);

    /** @param event what happened; {@link NotifyEvent#critical()} ones are alerts on-call must act on */
    record Message(String rolloutId, NotifyEvent event, String title, String text) {
    }
}

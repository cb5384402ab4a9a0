package dev.ringmaster.core.port;

import dev.ringmaster.core.plan.NotifyRule;

/** Tells people: Slack, Teams, a webhook, a status page. */
public interface Notifier {

    void send(NotifyRule rule, Message message);

    /** @param event the notify event name of the plan ("advanced", "halted", …) */
    record Message(String rolloutId, String event, String title, String text) {
    }
}

package dev.ringmaster.core.plan;

import java.util.List;

/** Where to tell people, and on which events (all events when {@code on} is empty). */
public record NotifyRule(String channel, String url, List<NotifyEvent> on) {
    public static final List<String> CHANNELS = List.of("slack", "teams", "webhook", "statuspage", "testflight-notes", "in-app");

    public NotifyRule {
        on = List.copyOf(on);
    }

    /** Whether this rule tells people of {@code event}: critical events reach every rule. */
    public boolean listensTo(NotifyEvent event) {
        return on.isEmpty() || on.contains(event) || event.critical();
    }
}

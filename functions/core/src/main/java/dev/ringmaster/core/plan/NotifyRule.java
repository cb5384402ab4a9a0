package dev.ringmaster.core.plan;

import java.util.List;

/**
 * Where to tell people, and on which events. Team channels ({@code slack}, {@code teams}, {@code webhook}) tell
 * the people running the release and hear every event when {@code on} is empty, critical ones always. Audience
 * channels are the ring's comms (seed 000): {@code testflight-notes} writes the build's "What to Test" when the
 * build reaches the ring, {@code in-app} tells the ring's users, {@code statuspage} tells customers; with
 * {@code on} empty they hear only what their audience should hear ({@link #audienceDefault}).
 */
public record NotifyRule(String channel, String url, List<NotifyEvent> on) {
    public static final List<String> CHANNELS = List.of("slack", "teams", "webhook", "statuspage", "testflight-notes", "in-app");
    public static final List<String> AUDIENCE_CHANNELS = List.of("statuspage", "testflight-notes", "in-app");

    public NotifyRule {
        on = List.copyOf(on);
    }

    public boolean audience() {
        return AUDIENCE_CHANNELS.contains(channel);
    }

    /** Whether this rule tells people of {@code event}: critical events reach every team rule. */
    public boolean listensTo(NotifyEvent event) {
        if (audience()) {
            return (on.isEmpty() ? audienceDefault(channel) : on).contains(event);
        }
        return on.isEmpty() || on.contains(event) || event.critical();
    }

    /** What an audience channel hears when its {@code on} is empty. */
    public static List<NotifyEvent> audienceDefault(String channel) {
        return switch (channel) {
            case "testflight-notes" -> List.of(NotifyEvent.STARTED, NotifyEvent.ADVANCED, NotifyEvent.RESUMED);
            case "in-app" -> List.of(NotifyEvent.STARTED, NotifyEvent.ADVANCED, NotifyEvent.ROLLED_BACK, NotifyEvent.KILLED);
            case "statuspage" -> List.of(NotifyEvent.CUSTOMERS_AFFECTED);
            default -> List.of();
        };
    }
}

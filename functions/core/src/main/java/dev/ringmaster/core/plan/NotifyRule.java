package dev.ringmaster.core.plan;

import java.util.List;

/**
 * Where to tell people, and on which events. Team channels ({@code slack}, {@code teams}, {@code webhook},
 * {@code email}) tell the people running the release and hear every event when {@code on} is empty, critical ones
 * always; {@code severity} routes by seed 002's alert levels (a rule hears events at least that severe). Audience
 * channels are the ring's comms (seed 000): {@code testflight-notes} writes the build's "What to Test" when the
 * build reaches the ring, {@code in-app} tells the ring's users, {@code statuspage} tells customers; with
 * {@code on} empty they hear only what their audience should hear ({@link #audienceDefault}).
 *
 * @param url        slack or teams webhook (a reference), webhook endpoint, statuspage API base (optional)
 * @param severity   the least severe event this rule hears
 * @param to         slack {@code chat.postMessage} channel (one), email recipients
 * @param token      a reference: slack bot token ({@code chat.postMessage}), statuspage API key
 * @param secret     a reference: the webhook's HMAC-SHA256 key
 * @param page       statuspage page id
 * @param components statuspage component ids the incident marks
 * @param from       email sender
 */
public record NotifyRule(String channel, String url, List<NotifyEvent> on, Severity severity, List<String> to, String token,
                         String secret, String page, List<String> components, String from) {
    public static final List<String> CHANNELS = List.of("slack", "teams", "webhook", "email", "statuspage", "testflight-notes", "in-app");
    public static final List<String> AUDIENCE_CHANNELS = List.of("statuspage", "testflight-notes", "in-app");

    public NotifyRule {
        on = List.copyOf(on);
        severity = severity == null ? Severity.INFO : severity;
        to = to == null ? List.of() : List.copyOf(to);
        components = components == null ? List.of() : List.copyOf(components);
    }

    public NotifyRule(String channel, String url, List<NotifyEvent> on) {
        this(channel, url, on, Severity.INFO, List.of(), null, null, null, List.of(), null);
    }

    public boolean audience() {
        return AUDIENCE_CHANNELS.contains(channel);
    }

    /** Whether this rule tells people of {@code event} at its own severity. */
    public boolean listensTo(NotifyEvent event) {
        return listensTo(event, event.severity());
    }

    /** Whether this rule tells people of {@code event} as severe as {@code level}: critical events reach every team rule. */
    public boolean listensTo(NotifyEvent event, Severity level) {
        if (audience()) {
            return (on.isEmpty() ? audienceDefault(channel) : on).contains(event);
        }
        return (on.isEmpty() || on.contains(event) || event.critical()) && level.atLeast(severity);
    }

    /** Who hears it, for telling one rule's message from another's: never a secret's value, only its reference. */
    public String address() {
        return String.join(" ", java.util.stream.Stream.of(url, page, token, String.join(",", to))
                .filter(s -> s != null && !s.isEmpty()).toList());
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

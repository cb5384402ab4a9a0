package dev.ringmaster.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** {@code notify} (plan-wide and per phase): each rule's channel, what it hears and the keys its channel needs. */
final class NotifyReader {
    private static final List<String> KEYS = List.of("channel", "url", "on", "severity", "to", "token", "secret", "page", "components", "from");
    /** The keys each channel takes besides channel, on and severity. */
    private static final Map<String, List<String>> CHANNEL_KEYS = Map.of(
            "slack", List.of("url", "token", "to"),
            "teams", List.of("url"),
            "webhook", List.of("url", "secret"),
            "email", List.of("to", "from"),
            "statuspage", List.of("page", "token", "components", "url"),
            "testflight-notes", List.of(),
            "in-app", List.of());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[#]?[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{6,}");

    private NotifyReader() {
    }

    static List<NotifyRule> read(Fields parent, Problems problems) {
        List<NotifyRule> out = new ArrayList<>();
        List<Node> items = parent.items("notify");
        for (int i = 0; i < items.size(); i++) {
            Fields f = Fields.of(items.get(i), parent.child("notify") + "[" + i + "]", problems, KEYS);
            f.rejectUnknown();
            int before = problems.size();
            String channel = f.string("channel", true).orElse("");
            if (!channel.isEmpty() && !NotifyRule.CHANNELS.contains(channel)) {
                f.error("channel", "unknown channel '" + channel + "'" + Suggest.hint(channel, NotifyRule.CHANNELS)
                        + "; one of " + String.join(", ", NotifyRule.CHANNELS));
                continue;
            }
            List<String> allowed = CHANNEL_KEYS.getOrDefault(channel, List.of());
            for (String key : List.of("url", "to", "token", "secret", "page", "components", "from")) {
                if (f.has(key) && !allowed.contains(key)) {
                    f.error(key, "channel '" + channel + "' takes no '" + key + "'" + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", allowed)));
                }
            }
            String url = f.string("url", false).orElse(null);
            String token = f.string("token", false).orElse(null);
            String secret = f.string("secret", false).orElse(null);
            String page = f.string("page", false).orElse(null);
            String from = f.string("from", false).orElse(null);
            List<String> to = f.has("to") ? f.strings("to") : List.of();
            List<String> components = f.has("components") ? f.strings("components") : List.of();
            channelKeys(f, channel, url, token, secret, page, from, to);
            Severity severity = f.string("severity", false).map(s -> RulesReader.named(f, "severity", s, Severity.class)).orElse(Severity.INFO);
            List<NotifyEvent> on = new ArrayList<>();
            for (String e : f.strings("on")) {
                NotifyEvent.of(e).ifPresentOrElse(on::add, () -> f.error("on", "unknown event '" + e + "'"
                        + Suggest.hint(e, NotifyEvent.keys()) + "; one of " + String.join(", ", NotifyEvent.keys())));
            }
            if (problems.size() == before) {
                out.add(new NotifyRule(channel, url, on, severity, to, token, secret, page, components, from));
            }
        }
        return out;
    }

    private static void channelKeys(Fields f, String channel, String url, String token, String secret, String page, String from,
                                    List<String> to) {
        switch (channel) {
            case "slack" -> {
                if (url != null && token != null) {
                    f.error("token", "give 'url' (an incoming webhook) or 'token' and 'to' (chat.postMessage), not both");
                } else if (url == null && token == null) {
                    f.error("channel", "a slack rule needs 'url' (an incoming webhook reference) or 'token' and 'to' (chat.postMessage)");
                }
                secretUrl(f, channel, url);
                SourcesReader.secret(f, "token", token, "a Slack bot token");
                if (token != null && to.size() != 1) {
                    f.error(token != null && to.isEmpty() ? "token" : "to", "chat.postMessage needs 'to': one channel (#releases or its id)");
                }
                to.stream().filter(c -> !SLACK_CHANNEL.matcher(c).matches())
                        .forEach(c -> f.error("to", "'" + c + "' is not a Slack channel name (#releases) or id (C0123456789)"));
            }
            case "teams" -> {
                if (url == null) {
                    f.error("channel", "a teams rule needs 'url': a reference to the Workflows webhook URL");
                }
                secretUrl(f, channel, url);
            }
            case "webhook" -> {
                if (url == null) {
                    f.error("channel", "a webhook rule needs 'url'");
                } else if (!SourcesReader.reference(url) && !url.startsWith("https://")) {
                    f.error("url", "url '" + abbreviate(url) + "' must be https:// or an env:, file:, ssm:/ or secretsmanager: reference");
                }
                if (secret == null) {
                    f.error("channel", "a webhook rule needs 'secret': a reference to the HMAC-SHA256 key receivers verify with");
                }
                SourcesReader.secret(f, "secret", secret, "the webhook's signing key");
            }
            case "email" -> {
                if (to.isEmpty()) {
                    f.error("channel", "an email rule needs 'to': one or more addresses");
                }
                if (from == null) {
                    f.error("channel", "an email rule needs 'from': an address verified in Amazon SES");
                }
                java.util.stream.Stream.concat(to.stream(), java.util.stream.Stream.ofNullable(from))
                        .filter(a -> !EMAIL.matcher(a).matches())
                        .forEach(a -> f.error(to.contains(a) ? "to" : "from", "'" + a + "' is not an email address"));
            }
            case "statuspage" -> {
                if (page == null || token == null) {
                    f.error("channel", "a statuspage rule needs 'page' (the page id) and 'token' (a reference to the API key)");
                }
                SourcesReader.secret(f, "token", token, "a Statuspage API key");
                if (url != null && !SourcesReader.reference(url) && !url.startsWith("https://")) {
                    f.error("url", "url '" + abbreviate(url) + "' must be https://");
                }
            }
            default -> {
            }
        }
    }

    private static void secretUrl(Fields f, String channel, String url) {
        if (url != null && !SourcesReader.reference(url)) {
            f.error("url", "a " + channel + " webhook URL is a secret: give an env:, file:, ssm:/ or secretsmanager: reference, not '"
                    + abbreviate(url) + "'");
        }
    }

    private static String abbreviate(String url) {
        return url.length() > 40 ? url.substring(0, 40) + "…" : url;
    }
}

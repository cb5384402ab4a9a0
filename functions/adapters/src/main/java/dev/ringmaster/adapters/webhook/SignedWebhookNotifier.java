package dev.ringmaster.adapters.webhook;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.notify.ChannelUrl;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.plan.NotifyRule;
import dev.ringmaster.core.port.Notifier;
import dev.ringmaster.core.port.RolloutTarget;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

/**
 * Channel {@code webhook}: POSTs the message as JSON ({@link WebhookPayload}) to the rule's {@code url}, signed with
 * the rule's {@code secret} ({@link WebhookSignature}) and carrying {@code Ringmaster-Event-Id} for dedupe. A 2xx is
 * sent; {@link Http} retries 429 and 5xx with the same signed request; any other answer fails the send with its
 * status and the start of its body.
 */
public final class SignedWebhookNotifier implements Notifier {
    private final Secrets secrets;
    private final Http http;
    private final Clock clock;

    public SignedWebhookNotifier(Secrets secrets, Http http, Clock clock) {
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public void send(NotifyRule rule, Message message) {
        ChannelUrl url = ChannelUrl.of(rule.url(), secrets, "webhook url");
        if (rule.secret() == null || rule.secret().isBlank()) {
            throw new IllegalArgumentException("webhook " + url.shown() + " has no 'secret': a reference to the key receivers verify with");
        }
        String key = secrets.resolve(rule.secret());
        Instant now = clock.instant();
        byte[] body = WebhookPayload.json(message, now);
        HttpRequest request = HttpRequest.newBuilder(url.uri())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "ringmaster")
                .header(WebhookSignature.HEADER, WebhookSignature.header(body, key, now))
                .header(WebhookSignature.EVENT_ID_HEADER, WebhookPayload.id(message))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request);
        } catch (RolloutTarget.Unavailable e) {
            // No cause attached: its text has the URL's path, which for a referenced URL is part of the secret.
            throw new IllegalStateException("webhook " + url.shown() + " not sent (" + message.event() + " of " + message.rolloutId()
                    + "): " + url.redact(e.getMessage()));
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String snippet = url.redact(Http.snippet(response));
            throw new IllegalStateException("webhook " + url.shown() + " refused " + message.event() + " of " + message.rolloutId()
                    + ": HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet));
        }
    }
}

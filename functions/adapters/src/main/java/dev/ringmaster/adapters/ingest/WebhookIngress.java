package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.signal.Signal;
import dev.ringmaster.core.signal.WebhookKind;
import dev.ringmaster.core.step.Ingest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/{kind}}, independent of HTTP: the {@code ingest-webhook} function and {@code run --listen} both
 * hand each delivery here. Checks run cheapest and least trusting first, and each refusal changes nothing: an unknown
 * kind (404), a body over the limit (413, unread), the sender's proof (401: missing, forged, expired), the body (400,
 * naming the field and the value); then each signal is applied once ({@link Ingest}) and the answer is what the
 * sender needs to hear: 200 applied, 202 no rollout matched (and how to name one), 409 a replay (200 "dropped" for
 * senders that redeliver until told so), 503 the store is down (try again). It never throws.
 */
public final class WebhookIngress {
    private final IngressConfig config;
    private final Ingest ingest;
    private final Clock clock;
    private final Map<WebhookKind, Sender> senders = new EnumMap<>(WebhookKind.class);

    public WebhookIngress(IngressConfig config, Ingest ingest, Clock clock) {
        this.config = config;
        this.ingest = ingest;
        this.clock = clock;
        senders.put(WebhookKind.APPSTORE, new AppStoreWebhook(config));
        senders.put(WebhookKind.CRASHLYTICS, new CrashlyticsWebhook(config));
        senders.put(WebhookKind.ALERTMANAGER, new AlertmanagerWebhook(config));
        senders.put(WebhookKind.CANARY_DIFF, new CanaryDiffWebhook(config));
        senders.put(WebhookKind.GENERIC, new GenericWebhook(config));
    }

    /** Where webhooks are POSTed: {@code /webhooks/{kind}}. */
    public static final String PATH = "/webhooks/";

    /**
     * A request as an HTTP front hands it over (the function URL, {@code run --listen}): {@code POST /webhooks/{kind}};
     * any other path is answered 404 and any other method 405 here, so both fronts answer alike.
     */
    public WebhookResponse handle(String method, String path, Map<String, String> headers, byte[] body, Map<String, String> query) {
        if (path == null || !path.startsWith(PATH)) {
            return new WebhookResponse(404, "POST webhooks to " + PATH + "{kind}, not " + path, List.of());
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return new WebhookResponse(405, "webhooks are POSTed, not " + method, List.of());
        }
        return handle(new WebhookRequest(path.substring(PATH.length()), headers, body, query));
    }

    public WebhookResponse handle(WebhookRequest request) {
        try {
            return answer(request);
        } catch (Refusal r) {
            return new WebhookResponse(r.status, r.getMessage(), List.of());
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever went wrong, the sender hears only that nothing was recorded: no stack trace, no request text.
            return new WebhookResponse(500, "internal error (" + e.getClass().getSimpleName() + "): the event was not recorded", List.of());
        }
    }

    private WebhookResponse answer(WebhookRequest request) {
        if (request == null) {
            return new WebhookResponse(400, "no request", List.of());
        }
        Optional<WebhookKind> kind = WebhookKind.of(request.kind());
        if (kind.isEmpty()) {
            return new WebhookResponse(404, "no webhook kind " + Fields.shown(String.valueOf(request.kind())) + ": POST /webhooks/{kind} with one of "
                    + WebhookKind.keys(), List.of());
        }
        if (request.body().length > config.maxBodyBytes()) {
            return new WebhookResponse(413, "the body is " + request.body().length + " bytes, over the limit of " + config.maxBodyBytes()
                    + " bytes: nothing was read", List.of());
        }
        Sender sender = senders.get(kind.get());
        Instant now = clock.instant();
        sender.authenticate(request, now);
        JsonNode body = Fields.object(request.body(), "the body");
        List<Signal> signals = sender.signals(request, body, now);
        if (signals.isEmpty()) {
            return new WebhookResponse(200, "pong: the " + kind.get().key + " webhook is set up; nothing recorded", List.of());
        }
        return apply(sender, signals);
    }

    private WebhookResponse apply(Sender sender, List<Signal> signals) {
        List<Ingest.Outcome> outcomes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            Ingest.Outcome o;
            try {
                o = ingest.apply(signals.get(i));
            } catch (RuntimeException e) {
                // The store refused or could not be reached: this event (and any after it) was not recorded. Senders retry
                // a 503, and what was applied before it is then dropped as a duplicate.
                String which = signals.size() > 1 ? " (alert " + (i + 1) + " of " + signals.size() + ")" : "";
                return new WebhookResponse(503, "could not record the event" + which + ": try again", lines);
            }
            outcomes.add(o);
            lines.addAll(o.lines());
        }
        int worst = -1;
        for (int i = 0; i < outcomes.size(); i++) {
            if (rank(outcomes.get(i).status()) > (worst < 0 ? 0 : rank(outcomes.get(worst).status()))) {
                worst = i;
            }
        }
        String counts = signals.size() == 1 ? "" : " (" + counts(outcomes) + ")";
        if (worst < 0) {
            String id = signals.get(0).eventId();
            return sender.acknowledgesDuplicates()
                    ? new WebhookResponse(200, "duplicate: dropped event " + id + ", applied before; nothing changed" + counts, lines)
                    : new WebhookResponse(409, "replay: event " + id + " already applied, nothing changed" + counts, lines);
        }
        Signal s = signals.get(worst);
        return switch (outcomes.get(worst).status()) {
            case IN_FLIGHT -> new WebhookResponse(409, "in flight: event " + s.eventId()
                    + " is being applied by another delivery right now; nothing changed here, send it again later" + counts, lines);
            case UNMATCHED -> new WebhookResponse(202, "no rollout matches " + s.concerns() + " (event " + s.eventId() + "): nothing recorded. To name it, "
                    + sender.howToName() + counts, lines);
            default -> new WebhookResponse(200, "applied event " + s.eventId() + counts, lines);
        };
    }

    /** How bad an outcome is for the answer to a batch; a duplicate does not count (0). */
    private static int rank(Ingest.Status status) {
        return switch (status) {
            case DUPLICATE -> 0;
            case APPLIED -> 1;
            case UNMATCHED -> 2;
            case IN_FLIGHT -> 3;
        };
    }

    private static String counts(List<Ingest.Outcome> outcomes) {
        long applied = outcomes.stream().filter(o -> o.status() == Ingest.Status.APPLIED).count();
        long unmatched = outcomes.stream().filter(o -> o.status() == Ingest.Status.UNMATCHED).count();
        long duplicates = outcomes.stream().filter(o -> o.status() == Ingest.Status.DUPLICATE).count();
        long inFlight = outcomes.stream().filter(o -> o.status() == Ingest.Status.IN_FLIGHT).count();
        return outcomes.size() + " alerts: " + applied + " applied, " + unmatched + " matched no rollout, " + duplicates + " duplicates dropped"
                + (inFlight == 0 ? "" : ", " + inFlight + " in flight");
    }
}

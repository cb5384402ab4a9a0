package dev.ringmaster.adapters.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.signal.Signal;
import java.time.Instant;
import java.util.List;

/** One kind of webhook sender: how it proves who it is, what its body says, and how it treats our answers. */
interface Sender {

    /** Returns only when the request comes from this sender; otherwise a {@link Refusal} (401) saying what failed. */
    void authenticate(WebhookRequest request, Instant now);

    /**
     * The signals of an authenticated body, or a {@link Refusal} (400) naming the field; empty when it asks for
     * nothing to be recorded (App Store Connect's ping).
     */
    List<Signal> signals(WebhookRequest request, JsonNode body, Instant now);

    /** How to name the rollout a delivery means, for the answer to one no rollout matched. */
    String howToName();

    /**
     * Whether a second delivery of an applied event is acknowledged (200, dropped) rather than refused (409): senders
     * that redeliver until acknowledged (Pub/Sub) or re-send by design (Alertmanager's repeat_interval) must hear 200.
     */
    boolean acknowledgesDuplicates();
}

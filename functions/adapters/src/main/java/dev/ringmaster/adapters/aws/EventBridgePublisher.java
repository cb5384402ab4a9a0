package dev.ringmaster.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.RolloutEvent;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Puts rollout events on the EventBridge bus (PutEvents, JSON 1.1 protocol). Every event has source
 * {@code ringmaster} and detail type {@code RolloutEvent}: one detail type, and rules route on
 * {@code detail.action} (ENTER_PHASE, COMPLETE → advance-phase; HALT, ROLLBACK → pause-store-rollout; every
 * event → notify-channel), so a new decision kind needs no new rule unless it needs a new target.
 *
 * <p>PutEvents answers 200 even when an entry was not accepted; the entry's ErrorCode says why. An event
 * that silently did not arrive would leave a halt unapplied, so a failed entry fails the call.
 */
public final class EventBridgePublisher implements EventPublisher {
    public static final String SOURCE = "ringmaster";
    public static final String DETAIL_TYPE = "RolloutEvent";
    /** Entry errors the PutEvents documentation says to retry. */
    private static final Set<String> RETRY_ENTRY = Set.of("InternalFailure", "ThrottlingException");

    private final AwsJsonClient client;
    private final String busName;

    public EventBridgePublisher(AwsJsonClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(RolloutEvent event) {
        ObjectNode body = AwsJsonClient.JSON.createObjectNode();
        ObjectNode entry = body.putArray("Entries").addObject();
        entry.put("Source", SOURCE);
        entry.put("DetailType", DETAIL_TYPE);
        entry.put("Detail", RolloutEventJson.text(event));
        entry.put("EventBusName", busName);
        if (event.at() != null) {
            entry.put("Time", event.at().getEpochSecond());
        }
        String text = AwsJsonClient.write(body);
        Map<String, String> headers = Map.of("X-Amz-Target", "AWSEvents.PutEvents", "Content-Type", "application/x-amz-json-1.1");
        AwsCallFailed lastEntryError = null;
        // The HTTP layer retries throttled calls; this loop retries an accepted call whose entry failed.
        for (int attempt = 0; attempt < 3; attempt++) {
            JsonNode answer = client.call("EventBridge PutEvents", SdkHttpMethod.POST, "/", headers, text).body();
            if (answer.path("FailedEntryCount").asInt(0) == 0) {
                return;
            }
            JsonNode failed = answer.path("Entries").path(0);
            String code = failed.path("ErrorCode").asText("unknown");
            lastEntryError = new AwsCallFailed("EventBridge PutEvents to bus '" + busName + "' (event " + event.decision() + " of "
                    + event.rolloutId() + " v" + event.version() + ")", 200, code, failed.path("ErrorMessage").asText(""));
            if (!RETRY_ENTRY.contains(code)) {
                break;
            }
        }
        throw lastEntryError;
    }
}

package dev.ringmaster.adapters.aws;

import dev.ringmaster.core.port.EventPublisher;
import dev.ringmaster.core.port.RolloutEvent;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts rollout events on the EventBridge bus (PutEvents). Every event has source {@code ringmaster} and detail
 * type {@code RolloutEvent}: one detail type, and rules route on {@code detail.action} (ENTER_PHASE, COMPLETE →
 * advance-phase; HALT, ROLLBACK → pause-store-rollout; every event → notify-channel), so a new decision kind
 * needs no new rule unless it needs a new target.
 *
 * <p>PutEvents answers 200 even when an entry was not accepted; the entry's ErrorCode says why. An event that
 * silently did not arrive would leave a halt unapplied, so a failed entry fails the call.
 */
public final class EventBridgePublisher implements EventPublisher {
    public static final String SOURCE = "ringmaster";
    public static final String DETAIL_TYPE = "RolloutEvent";
    /** Entry errors the PutEvents documentation says to retry. */
    private static final Set<String> RETRY_ENTRY = Set.of("InternalFailure", "ThrottlingException");
    private static final int ENTRY_ATTEMPTS = 3;

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(RolloutEvent event) {
        PutEventsRequest request = PutEventsRequest.builder().entries(PutEventsRequestEntry.builder()
                .source(SOURCE)
                .detailType(DETAIL_TYPE)
                .detail(RolloutEventJson.text(event))
                .eventBusName(busName)
                .time(event.at())
                .build()).build();
        String what = "EventBridge PutEvents to bus '" + busName + "' (event " + event.decision() + " of " + event.rolloutId()
                + " v" + event.version() + ")";
        PutEventsResultEntry failed = null;
        // The SDK retries throttled and failed calls; this loop retries an accepted call whose entry failed.
        for (int attempt = 0; attempt < ENTRY_ATTEMPTS; attempt++) {
            PutEventsResponse answer;
            try {
                answer = events.putEvents(request);
            } catch (SdkException e) {
                throw new IllegalStateException(what + " failed: " + AwsClients.reason(e), e);
            }
            if (answer.failedEntryCount() == null || answer.failedEntryCount() == 0) {
                return;
            }
            failed = answer.entries().isEmpty() ? PutEventsResultEntry.builder().build() : answer.entries().get(0);
            if (!RETRY_ENTRY.contains(failed.errorCode())) {
                break;
            }
        }
        String code = failed.errorCode() == null ? "unknown" : failed.errorCode();
        String message = failed.errorMessage() == null || failed.errorMessage().isBlank() ? "" : ": " + failed.errorMessage();
        throw new IllegalStateException(what + " failed: entry not accepted, " + code + message);
    }
}

package dev.ringmaster.functions.notifychannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import org.joda.time.DateTime;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.core.port.RolloutEvent;
import dev.ringmaster.functions.runtime.EventBridgeEvent;
import dev.ringmaster.functions.runtime.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The envelopes in events/ have the shape of AWS's own EventBridge event class (aws-lambda-java-events
 * ScheduledEvent), and our envelope DTO reads the same fields.
 */
class SampleEnvelopesTest {
    private static final List<String> ENVELOPES = List.of("decision-advance.json", "decision-complete.json", "decision-halt.json",
            "decision-rollback.json", "decision-hold.json", "scheduler-tick-envelope.json");

    /**
     * ScheduledEvent names the field detailType and types time as a Joda DateTime (the Lambda runtime's own
     * serializer maps both): teach plain Jackson the same.
     */
    abstract static class WireNames {
        @JsonProperty("detail-type")
        abstract void setDetailType(String s);

        @JsonDeserialize(using = IsoDateTime.class)
        abstract void setTime(DateTime t);
    }

    static final class IsoDateTime extends JsonDeserializer<DateTime> {
        @Override
        public DateTime deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            return DateTime.parse(p.getText());
        }
    }

    private final ObjectMapper aws = new ObjectMapper().addMixIn(ScheduledEvent.class, WireNames.class)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final ObjectMapper ours = new ObjectMapper();

    @Test
    void everySampleEnvelope_readsAsAnAwsScheduledEvent_withItsFieldsIntact() throws Exception {
        for (String name : ENVELOPES) {
            String json = Fixtures.sample(name);
            ScheduledEvent e = aws.readValue(json, ScheduledEvent.class);
            Map<?, ?> raw = ours.readValue(json, Map.class);
            assertEquals(raw.get("id"), e.getId(), name);
            assertEquals(raw.get("detail-type"), e.getDetailType(), name);
            assertEquals(raw.get("source"), e.getSource(), name);
            assertEquals(raw.get("account"), e.getAccount(), name);
            assertEquals(raw.get("region"), e.getRegion(), name);
            assertEquals(Instant.parse((String) raw.get("time")).toEpochMilli(), e.getTime().getMillis(), name);
            assertEquals(raw.get("resources"), e.getResources(), name);
            assertEquals(raw.get("detail"), e.getDetail(), name);
            assertNotNull(((Map<?, ?>) raw.get("detail")).get("rolloutId"), name);
        }
    }

    @Test
    void decisionEnvelopes_readAsRolloutEvents() throws Exception {
        for (String name : ENVELOPES.subList(0, 5)) {
            EventBridgeEvent envelope = ours.readValue(Fixtures.sample(name), EventBridgeEvent.class);
            ScheduledEvent aws = this.aws.readValue(Fixtures.sample(name), ScheduledEvent.class);
            assertEquals(aws.getDetailType(), envelope.detailType(), name);
            assertEquals("ringmaster", envelope.source(), name);
            RolloutEvent e = envelope.rolloutEvent();
            assertEquals("android-2-1-0", e.rolloutId(), name);
            assertEquals(aws.getDetail().get("action"), e.action().name(), name);
            assertFalse(e.reasons().isEmpty(), name);
        }
    }
}

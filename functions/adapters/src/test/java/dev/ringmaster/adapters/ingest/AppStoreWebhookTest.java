package dev.ringmaster.adapters.ingest;

import static dev.ringmaster.adapters.ingest.IngressFixture.APPSTORE_SECRET;
import static dev.ringmaster.adapters.ingest.IngressFixture.NESTORY;
import static dev.ringmaster.adapters.ingest.IngressFixture.appstore;
import static dev.ringmaster.adapters.ingest.IngressFixture.bytes;
import static dev.ringmaster.adapters.ingest.IngressFixture.json;
import static dev.ringmaster.adapters.ingest.IngressFixture.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.port.HistoryEntry;
import dev.ringmaster.core.rollout.RolloutState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** App Store Connect webhooks on seed 000's App Store rollout (appId 6450000000, named by the webhook URL's ?app=). */
class AppStoreWebhookTest {
    private static final Map<String, String> BY_APP = Map.of("app", "6450000000");
    private static final byte[] PAUSED = sample("appstore-phased-release-paused.json");
    private static final byte[] REJECTED = sample("appstore-build-rejected.json");

    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.running("000-nestory-rings.yaml");
    }

    @Test
    void phasedReleasePausedInAppStoreConnect_pausesTheRollout() {
        WebhookResponse r = f.send(appstore(PAUSED, APPSTORE_SECRET, BY_APP));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.PAUSED, f.rollout(NESTORY).state());
        HistoryEntry signal = f.signals(NESTORY).get(0);
        assertEquals("webhook appstore phased-release-paused PAUSED - 1", signal.what());
        assertTrue(signal.reasons().contains("App Store Connect: phased release state ACTIVE → PAUSED"), signal.reasons().toString());
        assertTrue(r.applied().get(0).startsWith(NESTORY + ": RUNNING → PAUSED"), r.applied().toString());
        assertEquals(1, f.published.size(), "the pause is on the bus for the notifier");
    }

    @Test
    void buildRejectedByAppReview_haltsTheRollout_namedByRolloutId() {
        WebhookResponse r = f.send(appstore(REJECTED, APPSTORE_SECRET, Map.of("rollout", NESTORY)));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.HALTED, f.rollout(NESTORY).state());
        assertEquals("webhook appstore build-rejected REJECTED - 1", f.signals(NESTORY).get(0).what());
    }

    @Test
    void aStateChangeThatIsNoTrouble_isRecordedAndChangesNothing() {
        ObjectNode body = json("appstore-build-rejected.json");
        ((ObjectNode) body.at("/data/attributes")).put("oldValue", "PENDING_DEVELOPER_RELEASE").put("newValue", "READY_FOR_SALE");

        WebhookResponse r = f.send(appstore(bytes(body), APPSTORE_SECRET, BY_APP));

        assertEquals(200, r.status(), r.message());
        assertEquals(RolloutState.RUNNING, f.rollout(NESTORY).state());
        assertEquals("webhook appstore appstore-version-state READY_FOR_SALE - 1", f.signals(NESTORY).get(0).what());
        assertTrue(f.signals(NESTORY).get(0).reasons().contains("App Store Connect: version state PENDING_DEVELOPER_RELEASE → READY_FOR_SALE"));
    }

    static Stream<Arguments> eventTypes() {
        return Stream.of(
                Arguments.of("appStoreVersionAppVersionStateUpdated", "METADATA_REJECTED", "build-rejected", RolloutState.HALTED),
                Arguments.of("appStoreVersionAppVersionStateUpdated", "INVALID_BINARY", "build-rejected", RolloutState.HALTED),
                Arguments.of("appStoreVersionAppVersionStateUpdated", "DEVELOPER_REMOVED_FROM_SALE", "removed-from-sale", RolloutState.HALTED),
                Arguments.of("buildBetaDetailExternalBuildStateUpdated", "BETA_REJECTED", "beta-rejected", RolloutState.HALTED),
                Arguments.of("buildBetaDetailExternalBuildStateUpdated", "BETA_APPROVED", "beta-build-state", RolloutState.RUNNING),
                Arguments.of("buildUploadStateUpdated", "FAILED", "build-upload-failed", RolloutState.RUNNING),
                Arguments.of("buildUploadStateUpdated", "COMPLETE", "build-upload-state", RolloutState.RUNNING),
                Arguments.of("betaFeedbackCrashSubmissionCreated", null, "testflight-crash", RolloutState.RUNNING),
                Arguments.of("betaFeedbackScreenshotSubmissionCreated", null, "testflight-feedback", RolloutState.RUNNING),
                Arguments.of("appStoreVersionPhasedReleaseStateUpdated", "ACTIVE", "phased-release-state", RolloutState.RUNNING),
                Arguments.of("backgroundAssetVersionStateUpdated", "COMPLETE", "backgroundAssetVersionStateUpdated", RolloutState.RUNNING));
    }

    @ParameterizedTest(name = "{0} {1} is recorded as {2}, rollout {3}")
    @MethodSource("eventTypes")
    void eachEventType_isRecordedUnderItsKind_andOnlyRejectionsAndRemovalsHalt(String type, String newValue, String kind, RolloutState after) {
        ObjectNode body = json("appstore-build-rejected.json");
        ((ObjectNode) body.get("data")).put("type", type);
        ObjectNode attributes = (ObjectNode) body.at("/data/attributes");
        if (newValue == null) {
            attributes.remove(List.of("oldValue", "newValue"));
        } else {
            attributes.put("newValue", newValue);
        }

        WebhookResponse r = f.send(appstore(bytes(body), APPSTORE_SECRET, BY_APP));

        assertEquals(200, r.status(), r.message());
        assertEquals(after, f.rollout(NESTORY).state());
        assertEquals(kind, f.signals(NESTORY).get(0).what().split(" ")[2]);
    }

    @Test
    void thePingApple_sendsWhenTheWebhookIsSetUp_isAnsweredAndRecordsNothing() {
        byte[] ping = "{\"data\":{\"type\":\"webhookPingCreated\",\"id\":\"9a1c0e55-1b2f-4c7a-8d3e-2f6b7a9c0d14\",\"version\":1,\"attributes\":{\"timestamp\":\"2026-05-02T13:00:00Z\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        IngressFixture.Snapshot before = f.snapshot(NESTORY);

        WebhookResponse r = f.send(appstore(ping, APPSTORE_SECRET, Map.of()));

        assertEquals(200, r.status());
        assertTrue(r.message().startsWith("pong"), r.message());
        assertEquals(before, f.snapshot(NESTORY));
    }

    @Test
    void aUrlThatNamesNoRollout_is202_sayingHowToNameIt_andRecordsNothing() {
        IngressFixture.Snapshot before = f.snapshot(NESTORY);

        WebhookResponse r = f.send(appstore(PAUSED, APPSTORE_SECRET, Map.of()));

        assertEquals(202, r.status());
        assertTrue(r.message().startsWith("no rollout matches"), r.message());
        assertTrue(r.message().contains("?rollout=ID or ?app=APP_ID"), r.message());
        assertEquals(before, f.snapshot(NESTORY));
    }

    static Stream<Arguments> refusals() {
        byte[] big = new byte[256 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        ObjectNode noId = json("appstore-phased-release-paused.json");
        ((ObjectNode) noId.get("data")).remove("id");
        ObjectNode noNewValue = json("appstore-phased-release-paused.json");
        ((ObjectNode) noNewValue.at("/data/attributes")).remove("newValue");
        byte[] changed = new String(PAUSED, StandardCharsets.UTF_8).replace("\"PAUSED\"", "\"ACTIVE\"").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                refusal("forged: signed with another secret", 401, "does not match the body",
                        f -> appstore(PAUSED, "not-the-secret", BY_APP)),
                refusal("the body changed after signing", 401, "does not match the body",
                        f -> withSignatureOf(PAUSED, changed)),
                refusal("no x-apple-signature header", 401, "missing x-apple-signature",
                        f -> new WebhookRequest("appstore", Map.of(), PAUSED, BY_APP)),
                refusal("a signature without the hmacsha256= prefix", 401, "is not hmacsha256=<hex>",
                        f -> new WebhookRequest("appstore", Map.of("x-apple-signature", IngressFixture.hmac(APPSTORE_SECRET, PAUSED)), PAUSED, BY_APP)),
                refusal("a body over 256 KiB, unread", 413, "over the limit",
                        f -> appstore(big, APPSTORE_SECRET, BY_APP)),
                refusal("malformed JSON", 400, "the body is not JSON",
                        f -> appstore("{\"data\":{".getBytes(StandardCharsets.UTF_8), APPSTORE_SECRET, BY_APP)),
                refusal("no notification id", 400, "field `data.id`: missing",
                        f -> appstore(bytes(noId), APPSTORE_SECRET, BY_APP)),
                refusal("a state event without its new state", 400, "field `data.attributes.newValue`: missing",
                        f -> appstore(bytes(noNewValue), APPSTORE_SECRET, BY_APP)),
                refusal("a ?rollout= that is no rollout id", 400, "query parameter `rollout`: `Nestory 1.8` is not a rollout id",
                        f -> appstore(PAUSED, APPSTORE_SECRET, Map.of("rollout", "Nestory 1.8"))),
                refusal("a replay of an applied notification", 409, "replay: event 5f0c3a9e-2b7d-4d61-9a8e-1c4b7e2f9d30 already applied",
                        f -> {
                            assertEquals(200, f.send(appstore(PAUSED, APPSTORE_SECRET, BY_APP)).status());
                            return appstore(PAUSED, APPSTORE_SECRET, BY_APP);
                        }));
    }

    private static Arguments refusal(String rule, int status, String says, Function<IngressFixture, WebhookRequest> request) {
        return Arguments.of(rule, status, says, request);
    }

    private static WebhookRequest withSignatureOf(byte[] signed, byte[] sent) {
        return new WebhookRequest("appstore", Map.of("x-apple-signature", "hmacsha256=" + IngressFixture.hmac(APPSTORE_SECRET, signed)), sent, BY_APP);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void aRefusedDelivery_getsItsStatusAndReason_andChangesNothing(String rule, int status, String says,
                                                                  Function<IngressFixture, WebhookRequest> request) {
        WebhookRequest req = request.apply(f);
        IngressFixture.Snapshot before = f.snapshot(NESTORY);

        WebhookResponse r = f.send(req);

        assertEquals(status, r.status(), r.message());
        assertTrue(r.message().contains(says), r.message());
        assertTrue(r.message().indexOf(APPSTORE_SECRET) < 0);
        assertEquals(before, f.snapshot(NESTORY), "nothing recorded, nothing changed");
    }
}

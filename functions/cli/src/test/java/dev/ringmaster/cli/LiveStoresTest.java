package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.testkit.standin.AppStoreConnectStandIn;
import dev.ringmaster.testkit.standin.PlayStandIn;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: seed 002 (Android on Google Play, iOS on TestFlight and App Review) and seed 004 (a JSON flag document)
 * rehearsed with {@code simulate --targets live} on the real adapters, against stand-ins that keep each API's state:
 * the calls each rollout makes follow the API's documented flow, and the systems end where the rollout says.
 */
@QuarkusMainTest
class LiveStoresTest {
    private static final String PLAY_APP = "/androidpublisher/v3/applications/com.example.vpn";
    private static final String IOS_APP = "1500000000";
    private static PlayStandIn play;
    private static AppStoreConnectStandIn asc;
    private static String buildId;
    private static String externalGroup;

    @TempDir
    static Path keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void standIns() throws Exception {
        play = PlayStandIn.start();
        Path playKey = keys.resolve("play-key.json");
        Files.writeString(playKey, play.serviceAccountKeyJson());
        asc = new AppStoreConnectStandIn(Clock.systemUTC()).start();
        asc.addVersion(IOS_APP, "2.1.0", "PREPARE_FOR_SUBMISSION");
        buildId = asc.addBuild(IOS_APP, "2.1.0", "VALID");
        externalGroup = asc.addBetaGroup(IOS_APP, "external-100", false);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        Path p8 = keys.resolve("AuthKey_TESTKEY123.p8");
        Files.writeString(p8, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        // The settings a deployment gives (docs/targets.md), pointing each adapter at its stand-in.
        settings().forEach(System::setProperty);
        System.setProperty("ringmaster.google-play.credentials", "file:" + playKey);
        System.setProperty("ringmaster.app-store-connect.private-key", "file:" + p8);
    }

    private static Map<String, String> settings() {
        return Map.of("ringmaster.google-play.endpoint", play.baseUrl(), "ringmaster.app-store-connect.endpoint", asc.baseUrl().toString(),
                "ringmaster.app-store-connect.key-id", "TESTKEY123", "ringmaster.app-store-connect.issuer-id", "69a6de70-0000-47e3-e053-5b8c7c11a4d1");
    }

    @AfterAll
    static void stop() {
        settings().keySet().forEach(System::clearProperty);
        System.clearProperty("ringmaster.google-play.credentials");
        System.clearProperty("ringmaster.app-store-connect.private-key");
        play.close();
        asc.close();
    }

    private JsonNode simulate(QuarkusMainLauncher launcher, Path plan, String scenario) throws Exception {
        Path json = dir.resolve("run.json");
        LaunchResult r = launcher.launch("simulate", plan.toString(), "--scenario", RepoPaths.path("events/scenarios/" + scenario),
                "--targets", "live", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        return new ObjectMapper().readTree(json.toFile()).get("exampleRun");
    }

    private static List<String> calls(JsonNode run) {
        List<String> out = new ArrayList<>();
        run.get("targetCalls").forEach(c -> out.add(c.get("call").asText() + " " + c.get("phase").asText() + " " + c.get("result").asText()));
        return out;
    }

    /** The track's writes, in order: each an edit committed with the track it put. */
    private static List<String> commits() {
        List<String> requests = play.requests();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).endsWith(":commit")) {
                out.add(String.join(" → ", requests.subList(i - 3, i + 1)).replaceAll("/edits/[^/:]+", "/edits/ID").replace(PLAY_APP, ""));
            }
        }
        return out;
    }

    @Test
    void seed002Android_aBadBuildIsHaltedOnThePlayTrack_throughTheEditsFlow(QuarkusMainLauncher launcher) throws Exception {
        JsonNode run = simulate(launcher, Path.of(RepoPaths.path("events/plans/002-android-staged.yaml")), "android-bad-2x.yaml");

        assertEquals("HALTED", run.get("outcome").asText(), run.toString());
        assertEquals(List.of("enter phase-1 ok", "halt phase-1 ok"), calls(run));
        assertEquals("halted at 10 %", run.get("finalTarget").asText());
        String edit = "POST /edits → GET /edits/ID/tracks/production → PUT /edits/ID/tracks/production → POST /edits/ID:commit";
        assertEquals(List.of(edit, edit), commits(), "one edit to start at 10 %, one to halt: " + play.requests());
        Map<String, Object> release = play.track("com.example.vpn", "production").get(0);
        assertEquals(List.of("2100"), release.get("versionCodes"));
        assertEquals("halted", release.get("status"));
        assertEquals(0.1, release.get("userFraction"));
        assertTrue(play.requests().stream().filter(r -> r.startsWith("DELETE ")).count() > 10,
                "every tick read the track in an edit it then deleted: " + play.requests().size() + " requests");
    }

    @Test
    void seed002Ios_testFlightGroupsWhatToTestAndBetaReview_thenAppReviewOnlyAfterTheGatesPassed(QuarkusMainLauncher launcher) throws Exception {
        JsonNode run = simulate(launcher, Path.of(RepoPaths.path("events/plans/002-ios-testflight.yaml")), "ios-review-pending.yaml");

        assertEquals(List.of("enter testflight ok", "enter app-review ok"), calls(run), run.toString());
        assertEquals(java.util.Set.of("external-100"), asc.groupsWith(buildId));
        List<String> writes = asc.requests().stream().filter(r -> !r.startsWith("GET ")).toList();
        assertEquals(List.of("POST /v1/betaBuildLocalizations", "POST /v1/betaGroups/" + externalGroup + "/relationships/builds",
                "POST /v1/betaAppReviewSubmissions", "POST /v1/reviewSubmissions", "POST /v1/reviewSubmissionItems"),
                writes.subList(0, 5), "What to Test, the group, beta review, then App Review: " + writes);
        assertTrue(writes.get(5).startsWith("PATCH /v1/reviewSubmissions/"), writes.toString());
    }

    @Test
    void seed002Ios_aBuildThatCrashesInTestFlight_isTakenFromItsGroup_andNeverSubmittedToAppReview(QuarkusMainLauncher launcher) throws Exception {
        String app = "1500000001";
        asc.addVersion(app, "2.1.0", "PREPARE_FOR_SUBMISSION");
        String build = asc.addBuild(app, "2.1.0", "VALID");
        asc.addBetaGroup(app, "external-100", false);
        Path plan = dir.resolve("ios.yaml");
        Files.writeString(plan, Files.readString(Path.of(RepoPaths.path("events/plans/002-ios-testflight.yaml"))).replace(IOS_APP, app));
        long reviewsBefore = asc.requests().stream().filter(r -> r.startsWith("POST /v1/reviewSubmissions")).count();

        JsonNode run = simulate(launcher, plan, "ios-testflight-crashes.yaml");

        assertTrue(List.of("HALTED", "PAUSED").contains(run.get("outcome").asText()), run.toString());
        assertEquals(List.of("enter testflight ok", "halt testflight ok"), calls(run));
        assertEquals(java.util.Set.of(), asc.groupsWith(build), "testers stop getting the build");
        assertEquals(reviewsBefore, asc.requests().stream().filter(r -> r.startsWith("POST /v1/reviewSubmissions")).count(),
                "seed 002: a failed gate means the build is never submitted to App Review");
    }

    @Test
    void seed004Flags_theLiveFlagDocumentEndsAsTheSimulatedOneDoes(QuarkusMainLauncher launcher) throws Exception {
        Path flags = dir.resolve("canary.json");
        Path plan = dir.resolve("canary.yaml");
        Files.writeString(plan, Files.readString(Path.of(RepoPaths.path("events/plans/004-canary-cohorts.yaml")))
                .replace("s3://approvals-flags/canary.json", "file:" + flags));
        Path simulated = dir.resolve("sim.json");
        LaunchResult sim = launcher.launch("simulate", plan.toString(), "--scenario", RepoPaths.path("events/scenarios/canary-kill-after-ga.yaml"),
                "--json", simulated.toString());
        assertEquals(0, sim.exitCode(), sim.getErrorOutput());
        JsonNode expected = new ObjectMapper().readTree(simulated.toFile()).get("exampleRun");

        JsonNode run = simulate(launcher, plan, "canary-kill-after-ga.yaml");

        assertEquals(expected.get("outcome"), run.get("outcome"));
        assertEquals(calls(expected), calls(run));
        JsonNode document = new ObjectMapper().readTree(flags.toFile());
        // numbers compared as numbers: the simulated store keeps 0.0 where the document says 0
        java.util.Comparator<JsonNode> sameValue = (a, b) -> a.isNumber() && b.isNumber() ? Double.compare(a.asDouble(), b.asDouble())
                : a.equals(b) ? 0 : 1;
        assertTrue(expected.get("flags").equals(sameValue, document), "the file holds what the simulated store held: " + expected.get("flags")
                + " vs " + document);
        assertFalse(document.isEmpty());
    }
}

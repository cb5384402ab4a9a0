package dev.ringmaster.testkit.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ringmaster.adapters.appstore.AppStoreConnect;
import dev.ringmaster.adapters.appstore.AppStoreConnectKey;
import dev.ringmaster.adapters.appstore.AppStorePhasedReleaseTarget;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Approval;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.TargetState;
import dev.ringmaster.testkit.VirtualClock;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppStoreConnectStandInTest {
    private static final Target TARGET = new Target(TargetType.APP_STORE, Map.of("appId", "1234567890", "versionString", "1.4.0"));

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-05-04T08:00:00Z"));
    private final AppStoreConnectStandIn asc = new AppStoreConnectStandIn(clock).start();

    @AfterEach
    void stop() {
        asc.close();
    }

    @Test
    void thePhasedReleaseTargetHoldsEachPhaseAudienceAgainstAppleSchedule() throws Exception {
        asc.addVersion("1234567890", "1.4.0", "PENDING_DEVELOPER_RELEASE");
        AppStorePhasedReleaseTarget target = new AppStorePhasedReleaseTarget(api(), clock);

        TargetState started = target.enter(TARGET, percent(1), "1.4.0");
        assertEquals("ACTIVE", asc.phasedReleaseState("1234567890", "1.4.0"), started.detail());
        assertEquals(state("PAUSED", 1), brief(target.hold(TARGET, percent(1), "1.4.0")), "day 2 would pass 1 %");

        clock.advance(Duration.ofDays(2));
        assertEquals(state("PAUSED", 1), brief(target.hold(TARGET, percent(1), "1.4.0")), "a paused day is not a day of the schedule");

        assertEquals(state("ACTIVE", 1), brief(target.resume(TARGET, percent(5), "1.4.0")));
        assertEquals(state("ACTIVE", 1), brief(target.hold(TARGET, percent(5), "1.4.0")));
        clock.advance(Duration.ofDays(1));
        assertEquals(state("ACTIVE", 2), brief(target.hold(TARGET, percent(5), "1.4.0")), "day 3 is 5 %: still within");
        clock.advance(Duration.ofDays(1));
        assertEquals(state("PAUSED", 5), brief(target.hold(TARGET, percent(5), "1.4.0")), "day 4 would pass 5 %");
        assertEquals(3, asc.currentDayNumber("1234567890", "1.4.0"));

        target.resume(TARGET, percent(10), "1.4.0");
        asc.pauseByHand("1234567890", "1.4.0");
        assertEquals(state("PAUSED", 5), brief(target.observe(TARGET, "1.4.0")), "a pause made by hand is seen");

        assertEquals(state("COMPLETE", 100), brief(target.complete(TARGET, "1.4.0")));
        assertEquals(List.of("GET /v1/apps/1234567890/appStoreVersions", "POST /v1/appStoreVersionPhasedReleases", "POST /v1/appStoreVersionReleaseRequests",
                "GET /v1/apps/1234567890/appStoreVersions", "PATCH /v1/appStoreVersionPhasedReleases/phased-2"), asc.requests().subList(0, 5));
        assertEquals("PATCH /v1/appStoreVersionPhasedReleases/phased-2", asc.requests().get(asc.requests().size() - 1));
    }

    private AppStoreConnect api() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        return new AppStoreConnect(asc.baseUrl(), Http.client(),
                new Http.Policy(2, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                new AppStoreConnectKey("57246542-96fe-1a63-e053-0824d011072a", "2X9R4HXF34", "env:ASC_KEY"), ref -> pem, clock);
    }

    private static String state(String status, double percent) {
        return status + " " + percent;
    }

    private static String brief(TargetState s) {
        return s.status() + " " + s.percent();
    }

    private static Phase percent(double p) {
        return new Phase("phase-" + p, p, null, List.of(), null, null, null, Duration.ofDays(1), null, null, Approval.NONE, Map.of(), null, List.of());
    }
}

package dev.ringmaster.adapters.registry;

import static dev.ringmaster.adapters.registry.Fixtures.FAST;
import static dev.ringmaster.adapters.registry.Fixtures.ring;
import static dev.ringmaster.adapters.registry.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ring tags moved on a real distribution registry (docker-registry 2.8, the CNCF reference implementation). */
class OciRegistryTargetTest {
    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();
    private static final AtomicInteger repositories = new AtomicInteger();

    private final RecordingHttpClient http = new RecordingHttpClient();
    private final OciRegistryTarget rings = new OciRegistryTarget(http, FAST, host -> Optional.empty(), Clock.systemUTC());
    private String repository;
    private String old;
    private String build;

    @BeforeEach
    void pushTwoReleases() throws Exception {
        repository = "wizzense/aitherzero-" + repositories.incrementAndGet();
        old = registry.push(repository, "1.4.2", "1.4.2");
        build = registry.push(repository, "1.5.0", "1.5.0");
    }

    @Test
    void enteringRings_pointsEachRingTagAtTheBuild_andReportsTheDigestItHadBefore() throws Exception {
        registry.push(repository, "ring-0-latest", "1.4.2");
        Target target = target(registry.host(), repository);

        TargetState ring0 = rings.enter(target, ring("ring-0"), "1.5.0");

        assertEquals(build, ring0.status());
        assertEquals(old, ring0.previous(), "the digest ring-0 served before, for the core to record as its last good one");
        assertEquals("ring-0-latest → " + build + " (1.5.0, was " + old + ")", ring0.detail());
        assertEquals(List.of("GET /v2/" + repository + "/manifests/1.5.0", "HEAD /v2/" + repository + "/manifests/ring-0-latest",
                "PUT /v2/" + repository + "/manifests/ring-0-latest"), http.calls);

        TargetState ring1 = rings.enter(target, ring("ring-1"), "1.5.0");

        assertNull(ring1.previous(), "ring-1 was untagged: nothing to put back");
        assertEquals(Optional.of(build), registry.digest(repository, "ring-0-latest"));
        assertEquals(Optional.of(build), registry.digest(repository, "ring-1-latest"));
        assertEquals(Optional.of(old), registry.digest(repository, "1.4.2"), "the release tags stay where they were");
    }

    @Test
    void everyTick_theLiveRingsTagIsRead_andARetagMadeByHandIsReportedNotUndone() throws Exception {
        Target target = target(registry.host(), repository);
        rings.enter(target, ring("ring-0"), "1.5.0");
        assertEquals(build, rings.hold(target, ring("ring-0"), "1.5.0").status());

        registry.push(repository, "ring-0-latest", "1.4.2");
        http.calls.clear();
        RolloutTarget.ChangedByHand moved = assertThrows(RolloutTarget.ChangedByHand.class, () -> rings.hold(target, ring("ring-0"), "1.5.0"));

        assertEquals(registry.host() + "/" + repository + ":ring-0-latest points at " + old + ", not at 1.5.0 (" + build + "): retagged by hand",
                moved.getMessage());
        assertEquals(List.of(), http.changes(), "reading never retags");
        assertEquals(Optional.of(old), registry.digest(repository, "ring-0-latest"));
    }

    @Test
    void enteringAgain_makesNoPut_andRecordsNoPreviousDigest() {
        Target target = target(registry.host(), repository);
        rings.enter(target, ring("ring-0"), "1.5.0");
        http.calls.clear();

        TargetState again = rings.enter(target, ring("ring-0"), "1.5.0");

        assertEquals(List.of(), http.changes(), "a retried tick changes nothing");
        assertNull(again.previous(), "the build must never become its own last good digest");
        assertEquals(build, again.status());
    }

    @Test
    void rollbackWithLastGood_putsTheOldDigestBackOnTheRingTag() throws Exception {
        registry.push(repository, "ring-1-latest", "1.4.2");
        Target target = target(registry.host(), repository);
        String lastGood = rings.enter(target, ring("ring-1"), "1.5.0").previous();
        http.calls.clear();

        TargetState back = rings.rollback(target(registry.host(), repository, "lastGood", lastGood), ring("ring-1"), "1.5.0");

        assertEquals(old, back.status());
        assertEquals(Optional.of(old), registry.digest(repository, "ring-1-latest"));
        assertEquals(List.of("GET /v2/" + repository + "/manifests/1.5.0", "HEAD /v2/" + repository + "/manifests/ring-1-latest",
                "GET /v2/" + repository + "/manifests/" + old, "PUT /v2/" + repository + "/manifests/ring-1-latest"), http.calls);

        http.calls.clear();
        TargetState again = rings.rollback(target(registry.host(), repository, "lastGood", lastGood), ring("ring-1"), "1.5.0");
        assertEquals(List.of(), http.changes(), "the ring no longer serves 1.5.0: a second rollback does nothing");
        assertTrue(again.detail().contains("does not serve 1.5.0") && again.detail().endsWith("nothing to do"), again.detail());
    }

    @Test
    void rollbackWithoutLastGood_isRefused_andMovesNothing() throws Exception {
        Target target = target(registry.host(), repository);
        rings.enter(target, ring("ring-0"), "1.5.0");
        http.calls.clear();

        Refused refused = assertThrows(Refused.class, () -> rings.rollback(target, ring("ring-0"), "1.5.0"));

        assertTrue(refused.getMessage().startsWith("no last good digest recorded for ring ring-0; "), refused.getMessage());
        assertEquals(List.of(), http.changes());
        assertEquals(Optional.of(build), registry.digest(repository, "ring-0-latest"));
    }

    @Test
    void halt_callsNothing_andSaysATagCannotTurnUsersAway() {
        TargetState halted = rings.halt(target(registry.host(), repository), ring("ring-1"), "1.5.0");

        assertEquals(List.of(), http.calls);
        assertEquals("a ring tag cannot be halted: ring-1-latest keeps its digest and no further ring is tagged", halted.detail());
    }

    @Test
    void buildByDigestOrByTag_putsThatManifestUnderTheRingTag() throws Exception {
        for (Map<String, String> build : List.of(Map.of("digest", old), Map.of("tag", "1.4.2"))) {
            TargetState state = rings.enter(target(registry.host(), repository, "build", build), ring("ring-2"), "1.5.0");

            assertEquals(old, state.status(), "build " + build);
            assertEquals(Optional.of(old), registry.digest(repository, "ring-2-latest"), "build " + build);
        }
        assertEquals(1, http.changes().size(), "the second build names the same manifest: one PUT in all");
    }

    @Test
    void customRingTag_replacesRingWithThePhasesRing() throws Exception {
        rings.enter(target(registry.host(), repository, "ringTag", "{ring}-stable"), ring("ring-0"), "1.5.0");

        assertEquals(Optional.of(build), registry.digest(repository, "ring-0-stable"));
        assertEquals(Optional.empty(), registry.digest(repository, "ring-0-latest"));
    }

    @Test
    void unknownBuildTag_isRefusedWithTheRegistrysCode() {
        Refused refused = assertThrows(Refused.class,
                () -> rings.enter(target(registry.host(), repository, "build", Map.of("tag", "9.9.9")), ring("ring-0"), "9.9.9"));

        assertTrue(refused.getMessage().contains("404 MANIFEST_UNKNOWN manifest unknown"), refused.getMessage());
        assertTrue(refused.getMessage().contains(repository + ":9.9.9"), refused.getMessage());
        assertEquals(List.of(), http.changes());
    }

    @Test
    void rings_listsTheRingTagsAndTheirDigests_inTagOrder() throws Exception {
        Target target = target(registry.host(), repository);
        rings.enter(target, ring("ring-1"), "1.5.0");
        registry.push(repository, "ring-0-latest", "1.4.2");

        List<RingTag> listed = new Rings(rings, new EcrRingTarget(region -> {
            throw new AssertionError("a loopback registry is not ECR");
        })).list(registry.host() + "/" + repository);

        assertEquals(List.of(new RingTag("ring-0", "ring-0-latest", old), new RingTag("ring-1", "ring-1-latest", build)), listed);
    }

    @Test
    void observeAndComplete_sayWhichRingsServeTheBuild_andMoveNoTag() throws Exception {
        Target target = target(registry.host(), repository);
        assertEquals("untagged", rings.observe(target, "1.5.0").status());
        rings.enter(target, ring("ring-0"), "1.5.0");
        rings.enter(target, ring("ring-1"), "1.5.0");
        http.calls.clear();

        TargetState observed = rings.observe(target, "1.5.0");
        TargetState completed = rings.complete(target, "1.5.0");

        assertEquals(build, observed.status());
        assertEquals("rings ring-0-latest, ring-1-latest → " + build, observed.detail());
        assertTrue(completed.detail().endsWith("no tag moves"), completed.detail());
        assertEquals(List.of(), http.changes());
    }
}

package dev.ringmaster.adapters.flags;

import static dev.ringmaster.adapters.flags.Flags.cohort;
import static dev.ringmaster.adapters.flags.Flags.map;
import static dev.ringmaster.adapters.flags.Flags.percent;
import static dev.ringmaster.adapters.flags.Flags.store;
import static dev.ringmaster.adapters.flags.Flags.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFlagDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seed 004's "Feature Flag Configuration", before the rollout starts. */
    private static final String SEED_004 = """
            {"canary": {"enabled": false, "version": "2.0.0",
              "cohorts": {
                "internal_test": {"enabled": false, "percentage": 0.5, "users": ["eng-team"], "features": ["all"]},
                "friendly_gp": {"enabled": false, "percentage": 5, "users": ["pilot-partners"], "features": ["all"]},
                "beta": {"enabled": false, "percentage": 25, "users": ["beta-opt-in"], "features": ["stable"]}},
              "halt_conditions": {"error_rate": 0.01, "latency_multiplier": 5}}}
            """;

    @TempDir
    Path dir;

    private final FlagDocuments flags = new FlagDocuments(null, null);

    private Path file() {
        return dir.resolve("flags.json");
    }

    private Target canary() {
        return target("canary", "provider", "json", "url", "file:" + file());
    }

    private JsonNode document() throws Exception {
        return JSON.readTree(file().toFile());
    }

    private Object identity() throws Exception {
        return Files.readAttributes(file(), BasicFileAttributes.class).fileKey();
    }

    @Test
    void seed004_cohortPhasesKillSwitchAndCohortFlags_landInTheSeedsDocument_keepingWhatElseItHolds() throws Exception {
        Files.writeString(file(), SEED_004);

        flags.enter(canary(), cohort("internal_test", 0.5), "2.1.0");
        flags.enter(canary(), cohort("friendly_gp", 5.0), "2.1.0");
        flags.write(store("json", "url", "file:" + file()), map("canary.cohort.friendly_gp.enabled", true));
        TargetState state = flags.observe(canary(), "2.1.0");
        flags.write(store("json", "url", "file:" + file()), map("system.canary.enabled", false));

        assertEquals(JSON.readTree("""
                {"canary": {"enabled": true, "version": "2.1.0",
                  "cohorts": {
                    "internal_test": {"enabled": true, "percentage": 0.5, "users": ["eng-team"], "features": ["all"]},
                    "friendly_gp": {"enabled": true, "percentage": 5, "users": ["pilot-partners"], "features": ["all"]},
                    "beta": {"enabled": false, "percentage": 25, "users": ["beta-opt-in"], "features": ["stable"]}},
                  "halt_conditions": {"error_rate": 0.01, "latency_multiplier": 5},
                  "cohort": {"friendly_gp": {"enabled": true}}},
                 "system": {"canary": {"enabled": false}}}
                """), document());
        assertEquals(new TargetState("enabled", Double.NaN, "cohorts enabled: internal_test 0.5%, friendly_gp 5%"), state);
    }

    @Test
    void rollingBackACohortPhase_turnsOnlyThatCohortOff_andTheHundredPercentCohortTurnsTheFlagOff() throws Exception {
        Files.writeString(file(), SEED_004);
        flags.enter(canary(), cohort("internal_test", 0.5), "2.1.0");
        flags.enter(canary(), cohort("beta", 25.0), "2.1.0");

        TargetState afterBeta = flags.rollback(canary(), cohort("beta", 25.0), "2.1.0");

        assertEquals(new TargetState("enabled", Double.NaN, "cohorts enabled: internal_test 0.5%"), afterBeta);
        assertEquals(0, document().at("/canary/cohorts/beta/percentage").asInt());

        TargetState afterGa = flags.rollback(canary(), cohort("internal_test", 100.0), "2.1.0");

        assertEquals(new TargetState("disabled", 0, "no cohort enabled"), afterGa);
        assertEquals(false, document().at("/canary/enabled").asBoolean(true));
    }

    @Test
    void percentPhases_setTheRolloutPercentage_completeReachesEveryone_rollbackTurnsItOff() throws Exception {
        assertEquals(new TargetState("enabled", 10, "no cohort enabled"), flags.enter(canary(), percent(10), "2.1.0"));
        assertEquals("{\"canary\":{\"enabled\":true,\"version\":\"2.1.0\",\"percentage\":10}}", JSON.writeValueAsString(document()),
                "a whole percentage is written as a person would: 10, not 10.0");

        assertEquals(new TargetState("enabled", 100, "no cohort enabled"), flags.complete(canary(), "2.1.0"));
        assertEquals(new TargetState("disabled", 0, "no cohort enabled"), flags.rollback(canary(), percent(50), "2.1.0"));
    }

    @Test
    void aZeroPercentPhase_isADarkDeploy_theVersionIsOutWithItsFlagOff() throws Exception {
        flags.enter(canary(), percent(0), "2.1.0");

        assertEquals(JSON.readTree("{\"canary\":{\"enabled\":false,\"version\":\"2.1.0\",\"percentage\":0}}"), document());
    }

    @Test
    void repeatingACall_writesNothing_andHaltHoldsTheAudienceWithoutWriting() throws Exception {
        flags.enter(canary(), percent(10), "2.1.0");
        Object written = identity();

        flags.enter(canary(), percent(10), "2.1.0");
        TargetState halted = flags.halt(canary(), percent(10), "2.1.0");

        assertEquals(written, identity(), "the file was not replaced");
        assertEquals(new TargetState("enabled", 10, "no cohort enabled; a flag has no halt: the audience stays at 10% and is not widened"), halted);
    }

    @Test
    void aFlagThatIsAValue_cannotHoldFlags_andNothingIsWritten() throws Exception {
        Files.writeString(file(), "{\"canary\": true}");

        RolloutTarget.Refused refused = assertThrows(RolloutTarget.Refused.class, () -> flags.enter(canary(), percent(10), "2.1.0"));

        assertEquals("flag canary is a value, so canary.enabled cannot be set", refused.getMessage());
        assertEquals("{\"canary\": true}", Files.readString(file()));
    }

    @Test
    void aDocumentThatIsNotAJsonObject_isRefusedNamingTheUrl() throws Exception {
        Files.writeString(file(), "[1, 2]");

        RolloutTarget.Refused refused = assertThrows(RolloutTarget.Refused.class, () -> flags.observe(canary(), "2.1.0"));

        assertEquals("flag document file:" + file() + " is not a JSON object of flags but ARRAY", refused.getMessage());
    }

    @Test
    void twoWritersRacing_loseNoUpdate() throws Exception {
        FileFlagDocumentStore store = FileFlagDocumentStore.at("file:" + file());
        CountDownLatch start = new CountDownLatch(1);
        Callable<Void> incrementer = () -> {
            start.await();
            for (int i = 0; i < 200; i++) {
                store.update(doc -> doc.set(Map.of("counter", (Double) doc.value("counter").orElse(0.0) + 1)), Integer.MAX_VALUE);
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> both = new ArrayList<>(List.of(pool.submit(incrementer), pool.submit(incrementer)));
            start.countDown();
            for (Future<Void> f : both) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(400, document().path("counter").asInt());
    }

    @Test
    void aWriterThatKeepsLosing_givesUpAsUnavailable_afterItsAttempts() throws Exception {
        Files.writeString(file(), "{}");
        FileFlagDocumentStore store = FileFlagDocumentStore.at("file:" + file());
        int[] tries = {0};

        RolloutTarget.Unavailable unavailable = assertThrows(RolloutTarget.Unavailable.class, () -> store.update(doc -> {
            tries[0]++;
            try {
                Files.writeString(file(), "{\"other\": " + tries[0] + "}");   // another writer, every time in between
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return doc.set(Map.of("mine", true));
        }, 3));

        assertEquals(3, tries[0]);
        assertTrue(unavailable.getMessage().startsWith("file:" + file() + ": other writers changed the flag document 3 times"), unavailable.getMessage());
        assertEquals("{\"other\": 3}", Files.readString(file()));
    }
}

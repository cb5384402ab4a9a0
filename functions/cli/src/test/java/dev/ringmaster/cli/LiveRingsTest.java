package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.registry.LocalRegistry;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, seed 001: {@code simulate --targets live} moves real ring tags on a real OCI registry (Debian's
 * docker-registry on loopback), a rollback puts each ring back on its last good digest from the history, and
 * {@code rings} queries them by ring.
 */
@QuarkusMainTest
class LiveRingsTest {
    private static final String REPO = "wizzense/aitherzero";
    private static final List<String> RINGS = List.of("staging", "ring-0", "ring-1", "ring-2", "production");

    @RegisterExtension
    static final LocalRegistry REGISTRY = new LocalRegistry();

    @TempDir
    Path dir;

    /** Seed 001's plan on the local registry, every ring serving 1.4.2 and 1.5.0 pushed as the build. */
    private Path plan(String repository) throws Exception {
        String previous = REGISTRY.push(repository, "1.4.2", "1.4.2");
        REGISTRY.push(repository, "1.5.0", "1.5.0");
        for (String ring : RINGS) {
            assertEquals(previous, REGISTRY.push(repository, ring + "-latest", "1.4.2"));
        }
        Path plan = dir.resolve("aitherzero.yaml");
        Files.writeString(plan, Files.readString(Path.of(RepoPaths.path("events/plans/001-aitherzero-rings.yaml")))
                .replace("registry: ghcr.io, repository: wizzense/aitherzero", "registry: \"" + REGISTRY.host() + "\", repository: " + repository));
        return plan;
    }

    private List<String> ringDigests(String repository) throws Exception {
        List<String> out = new ArrayList<>();
        for (String ring : RINGS) {
            out.add(ring + " " + REGISTRY.digest(repository, ring + "-latest").orElse("untagged"));
        }
        return out;
    }

    private static JsonNode simulate(QuarkusMainLauncher launcher, Path plan, String scenario, Path json) throws Exception {
        LaunchResult r = launcher.launch("simulate", plan.toString(), "--scenario", RepoPaths.path("events/scenarios/" + scenario),
                "--targets", "live", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void seed001Rollback_onARealRegistry_putsEveryRingTheRolloutMovedBackOnItsLastGoodDigest(QuarkusMainLauncher launcher) throws Exception {
        String repo = REPO + "-bad";
        Path plan = plan(repo);
        String previous = REGISTRY.digest(repo, "1.4.2").orElseThrow();
        String build = REGISTRY.digest(repo, "1.5.0").orElseThrow();

        JsonNode run = simulate(launcher, plan, "aitherzero-bad-ring-1.yaml", dir.resolve("bad.json")).get("exampleRun");

        assertEquals("ROLLED_BACK", run.get("outcome").asText(), run.toString());
        List<String> calls = new ArrayList<>();
        run.get("targetCalls").forEach(c -> calls.add(c.get("call").asText() + " " + c.get("phase").asText() + " " + c.get("result").asText()));
        assertEquals(List.of("enter staging ok", "enter ring-0 ok", "enter ring-1 ok", "rollback ring-1 ok", "rollback ring-0 ok",
                "rollback staging ok"), calls);
        assertEquals(List.of("staging " + previous, "ring-0 " + previous, "ring-1 " + previous, "ring-2 " + previous,
                "production " + previous), ringDigests(repo), "every ring back on 1.4.2; the build was " + build);
    }

    @Test
    void ringsOnBadInput_exits2_namingTheArgumentAndItsValue(QuarkusMainLauncher launcher) {
        LaunchResult pattern = launcher.launch("rings", REGISTRY.host() + "/" + REPO, "--ring-tag", "latest");
        assertEquals(2, pattern.exitCode());
        assertEquals("--ring-tag: 'latest' must contain {ring}, like {ring}-latest", pattern.getErrorOutput().strip());

        LaunchResult noRepository = launcher.launch("rings", "ghcr.io");
        assertEquals(2, noRepository.exitCode());
        assertTrue(noRepository.getErrorOutput().contains("'ghcr.io' is not REGISTRY/REPOSITORY (like ghcr.io/wizzense/aitherzero)"),
                noRepository.getErrorOutput());
    }

    @Test
    void seed001Healthy_everyRingTagEndsOnTheBuild_andRingsListsThem(QuarkusMainLauncher launcher) throws Exception {
        String repo = REPO + "-good";
        Path plan = plan(repo);
        String build = REGISTRY.digest(repo, "1.5.0").orElseThrow();

        JsonNode run = simulate(launcher, plan, "aitherzero-healthy.yaml", dir.resolve("good.json")).get("exampleRun");

        assertEquals("COMPLETED", run.get("outcome").asText(), run.toString());
        assertEquals(RINGS.stream().map(r -> r + " " + build).toList(), ringDigests(repo));
        LaunchResult rings = launcher.launch("rings", REGISTRY.host() + "/" + repo);
        assertEquals(0, rings.exitCode(), rings.getErrorOutput());
        for (String ring : RINGS) {
            assertTrue(rings.getOutput().lines().anyMatch(l -> l.matches(ring + "\\s+" + ring + "-latest\\s+" + java.util.regex.Pattern.quote(build))),
                    rings.getOutput());
        }
        assertEquals(Optional.of(build), REGISTRY.digest(repo, "production-latest"));
    }
}

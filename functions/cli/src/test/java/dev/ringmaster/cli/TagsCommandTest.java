package dev.ringmaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001's tag formats and labels, as CI reads them: JSON on stdout. */
@QuarkusMainTest
class TagsCommandTest {

    private static JsonNode json(LaunchResult r) throws Exception {
        return new ObjectMapper().readTree(r.getOutput());
    }

    private static List<String> tags(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.get("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    @Test
    void ringZeroPullRequestGetsTheSeedsFiveTags(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("tags", "--branch", "ring-0", "--pr", "123", "--iteration", "42", "--sha", "a1b2c3d4e5f60718");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        JsonNode n = json(r);
        assertEquals(List.of("pr-123-ring-0-v42", "pr-123-ring-0-latest", "ring-0-pr-123-latest", "pr-123-latest", "pr-123-a1b2c3d4"), tags(n));
        assertEquals("ring-0", n.get("ring").asText());
        assertEquals("ring-0", n.get("labels").get("dev.ringmaster.deployment.ring").asText());
    }

    @Test
    void seed001LabelsUseThePlansLabelPrefix_orTheOneGiven(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult fromPlan = launcher.launch("tags", "--branch", "ring-0", "--pr", "123", "--iteration", "42", "--sha", "a1b2c3d4e5f60718",
                "--plan", RepoPaths.path("events/plans/001-aitherzero-rings.yaml"));
        assertEquals(0, fromPlan.exitCode(), fromPlan.getErrorOutput());
        JsonNode labels = json(fromPlan).get("labels");
        assertEquals("ring-0", labels.get("com.aitherzero.deployment.ring").asText());
        assertEquals("123", labels.get("com.aitherzero.pr.number").asText());
        assertEquals(null, labels.get("dev.ringmaster.deployment.ring"));

        LaunchResult given = launcher.launch("tags", "--branch", "ring-0", "--pr", "1", "--iteration", "1", "--sha", "abcdef1",
                "--label-prefix", "org.example");
        assertEquals("ring-0", json(given).get("labels").get("org.example.deployment.ring").asText());

        LaunchResult bad = launcher.launch("tags", "--branch", "ring-0", "--pr", "1", "--iteration", "1", "--sha", "abcdef1",
                "--label-prefix", "Example");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.getErrorOutput().contains("labelPrefix must be a reverse-DNS name like com.aitherzero, got 'Example'"), bad.getErrorOutput());
    }

    @Test
    void productionReleaseGetsVersionLatestStableSha(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("tags", "--branch", "main", "--version", "1.5.0", "--sha", "9c8d7e6f00112233");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertEquals(List.of("1.5.0", "latest", "stable", "sha-9c8d7e6f"), tags(json(r)));
    }

    @Test
    void branchOutsideTheMapGetsPullRequestTagsOnlyAndSaysSo(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = launcher.launch("tags", "--branch", "feature/login", "--pr", "7", "--iteration", "1", "--sha", "abcdef1");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        JsonNode n = json(r);
        assertTrue(n.get("ring").isNull());
        assertTrue(tags(n).stream().noneMatch(t -> t.contains("ring") || t.startsWith("staging")), tags(n).toString());
        assertTrue(n.get("notes").get(0).asText().contains("not in the ring map"), n.toString());
    }

    @Test
    void aBadShaIsNamedWithItsValue(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("tags", "--branch", "ring-0", "--pr", "1", "--iteration", "1", "--sha", "xyz");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("xyz"), r.getErrorOutput());
    }

    @Test
    void aReleaseOffMainIsRefused(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("tags", "--branch", "ring-1", "--version", "1.5.0", "--sha", "abcdef1");
        assertEquals(2, r.exitCode());
        assertTrue(r.getErrorOutput().contains("main only"), r.getErrorOutput());
    }
}

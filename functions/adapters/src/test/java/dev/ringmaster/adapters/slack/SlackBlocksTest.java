package dev.ringmaster.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What a Slack channel shows for each message of seed 002's rollout, and that no message breaks Slack's limits. */
class SlackBlocksTest {

    static Stream<String> kinds() {
        return SeedMessages.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachMessageKind_rendersAsItsReviewedSnapshot(String kind) {
        ObjectNode payload = SlackBlocks.render(SeedMessages.all().get(kind));
        Snapshots.assertMatches("slack", kind, payload);
        assertWithinSlackLimits(payload);
    }

    @Test
    void everyTeamEventHasASnapshot() {
        List<String> expected = new ArrayList<>(List.of("started", "advanced", "held", "halted", "paused", "resumed", "rolled-back",
                "completed", "approval-needed", "alert-warning", "alert-critical", "changed-by-hand", "action-failed", "daily-status"));
        assertEquals(expected, kinds().toList());
    }

    @Test
    void twoHundredVerdicts_stayWithinSlackLimits_failuresFirst_andTheRestCounted() {
        ObjectNode payload = SlackBlocks.render(SeedMessages.withVerdicts(200));
        assertWithinSlackLimits(payload);
        String verdicts = section(payload, "*Verdicts*");
        List<String> lines = verdicts.lines().skip(1).toList();
        assertTrue(lines.get(0).startsWith("❌ gate m0_crash_rate"), lines.get(0));
        assertTrue(lines.stream().limit(lines.size() - 1).allMatch(l -> l.startsWith("❌")), "failures are kept first: " + lines);
        int shown = lines.size() - 1;
        assertEquals("…and " + (210 - shown) + " more verdicts", lines.get(lines.size() - 1));
    }

    @Test
    void theHeader_carriesTheSeverityMarker_andTheFieldsTheRollout() {
        JsonNode blocks = SlackBlocks.render(SeedMessages.all().get("halted")).get("blocks");
        assertEquals(":red_circle: android-2-1-0 2.1.0: halted in phase-1", blocks.get(0).at("/text/text").asText());
        assertEquals(":warning: android-2-1-0 2.1.0: alert in phase-2",
                SlackBlocks.render(SeedMessages.all().get("alert-warning")).at("/blocks/0/text/text").asText());
        assertEquals(":information_source: android-2-1-0 2.1.0: advanced in phase-2",
                SlackBlocks.render(SeedMessages.all().get("advanced")).at("/blocks/0/text/text").asText());
        List<String> fields = new ArrayList<>();
        blocks.get(1).get("fields").forEach(f -> fields.add(f.get("text").asText()));
        assertEquals(List.of("*Rollout*\nandroid-2-1-0", "*App/Version*\ncom.example.vpn 2.1.0", "*Phase*\nphase-1", "*Audience*\n10%",
                "*State*\nHALTED", "*Severity*\ncritical"), fields);
    }

    @Test
    void theFallbackText_isTheTitleAndWhatHappensNext() {
        ObjectNode payload = SlackBlocks.render(SeedMessages.all().get("halted"));
        assertEquals("android-2-1-0 2.1.0: halted in phase-1\nStopped at 10%: nothing advances until someone resumes, rolls back or promotes.",
                payload.get("text").asText());
    }

    @Test
    void onCallsCommands_areCodeSpans_withTheOperateEventForTheConsole() {
        ObjectNode payload = SlackBlocks.render(SeedMessages.all().get("halted"));
        assertTrue(section(payload, "*What on-call can do*").contains("*Roll back*  `ringmaster rollback android-2-1-0 --reason \"…\"`"));
        String console = payload.get("blocks").get(payload.get("blocks").size() - 1).at("/elements/0/text").asText();
        assertTrue(console.startsWith("AWS console: paste into the operate function's Test tab\n"), console);
        assertTrue(console.contains("`{\"command\":\"rollback\",\"rolloutId\":\"android-2-1-0\",\"reason\":\"…\"}`"), console);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "gate crash_rate ≤ 0.005 FAIL: crash rate 0.0081 > 0.005 at 99% (n=12,345)|❌",
            "halt rule crash_rate ≤ 0.02 for 15m PASS: 3 of 2,140 trials (0.14 %)|✅",
            "gate critical_bugs ≤ 0 INCONCLUSIVE: none yet, but the data covers only 12 ticks|⏳",
            "gate smoke_tests passes PASS|✅",
            "soak: soaking: 17h of 24h left|•",
            "gate passes_check ≤ 1 FAILED: not a verdict word|•"})
    void eachVerdict_isMarkedByItsOutcome(String verdict, String mark) {
        assertEquals(mark, SlackBlocks.mark(verdict));
    }

    @Test
    void slacksControlCharacters_areEscaped_soAReasonCannotPingTheChannel() {
        Message m = new Message("android-2-1-0", NotifyEvent.HALTED, "android-2-1-0 2.1.0: halted in phase-1", "",
                null, new Details("com.example.vpn", "2.1.0", "phase-1", "10%", "HALTED", List.of(),
                List.of("operator said <!channel> crash & burn > 2%"), null, List.of()));
        String why = section(SlackBlocks.render(m), "*Why*");
        assertEquals("*Why*\n• operator said &lt;!channel&gt; crash &amp; burn &gt; 2%", why);
    }

    @Test
    void aMessageWithoutDetails_showsItsTextAsWhy_andNoEmptySections() {
        Message m = new Message("android-2-1-0", NotifyEvent.POSTMORTEM_DUE, "android-2-1-0 2.1.0: postmortem due", "schedule the postmortem");
        JsonNode blocks = SlackBlocks.render(m).get("blocks");
        assertEquals(3, blocks.size(), blocks.toString());
        assertEquals("*Why*\n• schedule the postmortem", blocks.get(2).at("/text/text").asText());
    }

    @Test
    void longTexts_areCutWithAnEllipsis() {
        String longTitle = "x".repeat(400);
        Message m = new Message("android-2-1-0", NotifyEvent.HALTED, longTitle, "", null, new Details("com.example.vpn", "2.1.0",
                "phase-1", "10%", "HALTED", List.of(), List.of(), "n".repeat(5_000),
                List.of(new Instruction("Roll back", "ringmaster rollback android-2-1-0 " + "y".repeat(900), "{}"))));
        ObjectNode payload = SlackBlocks.render(m);
        assertWithinSlackLimits(payload);
        String header = payload.at("/blocks/0/text/text").asText();
        assertEquals(150, header.length());
        assertTrue(header.endsWith("…"));
        assertTrue(section(payload, "*Next*").endsWith("n…"));
    }

    @Test
    void aCut_neverLeavesHalfAnEscape_norHalfAnEmoji() {
        assertEquals("ab…", SlackBlocks.cut("ab&amp;cd", 5));
        assertEquals("a…", SlackBlocks.cut("a😀b", 3));
        assertFalse(SlackBlocks.cut("a😀b", 3).contains("\uD83D"));
    }

    /** Slack's documented limits (REFERENCE-signals §5), and our own ~10k budget under msg_blocks_too_long. */
    static void assertWithinSlackLimits(ObjectNode payload) {
        JsonNode blocks = payload.get("blocks");
        assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
        assertTrue(blocks.toString().length() <= 12_000, "blocks JSON is " + blocks.toString().length() + " characters");
        assertTrue(payload.get("text").asText().length() <= 3_000);
        for (JsonNode b : blocks) {
            switch (b.get("type").asText()) {
                case "header" -> {
                    assertEquals("plain_text", b.at("/text/type").asText());
                    assertTrue(b.at("/text/text").asText().length() <= 150, "header too long");
                }
                case "section" -> {
                    if (b.has("text")) {
                        assertTrue(b.at("/text/text").asText().length() <= 3_000, "section text too long");
                    }
                    if (b.has("fields")) {
                        assertTrue(b.get("fields").size() <= 10, "more than 10 fields");
                        b.get("fields").forEach(f -> assertTrue(f.get("text").asText().length() <= 2_000, "field too long"));
                    }
                    assertTrue(b.has("text") || b.has("fields"), "an empty section");
                }
                case "context" -> {
                    assertTrue(b.get("elements").size() <= 10, "more than 10 context elements");
                    b.get("elements").forEach(e -> assertTrue(e.get("text").asText().length() <= 3_000, "context text too long"));
                }
                case "divider" -> {
                }
                default -> throw new AssertionError("unexpected block " + b);
            }
        }
    }

    static String section(JsonNode payload, String heading) {
        for (JsonNode b : payload.get("blocks")) {
            String text = b.at("/text/text").asText("");
            if (b.get("type").asText().equals("section") && text.startsWith(heading)) {
                return text;
            }
        }
        throw new AssertionError("no section " + heading + " in " + payload);
    }
}

package dev.ringmaster.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.slack.SeedMessages;
import dev.ringmaster.adapters.slack.Snapshots;
import dev.ringmaster.core.plan.NotifyEvent;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a Teams channel shows for each message of seed 002's rollout, and that no card nears Teams' 28 KB. */
class TeamsCardsTest {

    static Stream<String> kinds() {
        return SeedMessages.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachMessageKind_rendersAsItsReviewedSnapshot(String kind) {
        ObjectNode envelope = TeamsCards.render(SeedMessages.all().get(kind));
        Snapshots.assertMatches("teams", kind, envelope);
        assertAWorkflowsCard(envelope);
    }

    @Test
    void theEnvelope_isWhatAWorkflowsWebhookTakes() {
        ObjectNode envelope = TeamsCards.render(SeedMessages.all().get("halted"));
        assertEquals("message", envelope.get("type").asText());
        JsonNode attachment = envelope.get("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").asText());
        assertTrue(attachment.get("contentUrl").isNull());
        assertEquals("AdaptiveCard", attachment.at("/content/type").asText());
        assertEquals("1.4", attachment.at("/content/version").asText());
        assertFalse(attachment.get("content").has("actions"), "no Action.OpenUrl without a URL to open");
    }

    @Test
    void theTitle_isColouredBySeverity() {
        assertEquals("Attention", title("halted").get("color").asText());
        assertEquals("Warning", title("alert-warning").get("color").asText());
        assertEquals("Attention", title("alert-critical").get("color").asText());
        assertFalse(title("advanced").has("color"));
        assertEquals("🔴 android-2-1-0 2.1.0: halted in phase-1", title("halted").get("text").asText());
        assertEquals("Large", title("halted").get("size").asText());
        assertEquals("Bolder", title("halted").get("weight").asText());
    }

    @Test
    void theFacts_nameTheRollout() {
        JsonNode facts = body("halted").get(1).get("facts");
        List<String> shown = new ArrayList<>();
        facts.forEach(f -> shown.add(f.get("title").asText() + "=" + f.get("value").asText()));
        assertEquals(List.of("Rollout=android-2-1-0", "App/Version=com.example.vpn 2.1.0", "Phase=phase-1", "Audience=10%",
                "State=HALTED", "Severity=critical"), shown);
    }

    @Test
    void verdicts_areAMarkdownList_worstFirst() {
        String verdicts = after(body("halted"), "Verdicts");
        String[] items = verdicts.split("\r");
        assertEquals(13, items.length);
        assertTrue(items[0].startsWith("- ❌ halt rule crash_rate ≤ 0.005 FAIL: 101 of 12,345 trials"), items[0]);
        assertTrue(items[1].startsWith("- ❌ gate crash_rate ≤ 0.005 FAIL: 101 of 12,345 trials"), items[1]);
        assertTrue(items[2].startsWith("- ✅ halt rule crash_rate ≤ 0.02 for 15m PASS"), items[2]);
    }

    @Test
    void commands_areMonospace_withTheOperateEvents() {
        List<String> mono = new ArrayList<>();
        body("halted").forEach(b -> {
            if ("Monospace".equals(b.path("fontType").asText())) {
                mono.add(b.get("text").asText());
            }
        });
        assertTrue(mono.contains("ringmaster rollback android-2-1-0 --reason \"…\""), mono.toString());
        assertTrue(mono.contains("{\"command\":\"rollback\",\"rolloutId\":\"android-2-1-0\",\"reason\":\"…\"}"), mono.toString());
    }

    @Test
    void twoHundredVerdicts_keepTheCardFarUnder28KB_andCountTheRest() {
        ObjectNode envelope = TeamsCards.render(SeedMessages.withVerdicts(200));
        assertAWorkflowsCard(envelope);
        String[] items = after(envelope.at("/attachments/0/content/body"), "Verdicts").split("\r");
        assertTrue(items.length <= TeamsCards.MAX_VERDICT_LINES + 1);
        assertEquals("- …and " + (210 - (items.length - 1)) + " more verdicts", items[items.length - 1]);
    }

    @Test
    void aReasonsOwnLineBreak_staysInsideItsListItem() {
        Message m = new Message("android-2-1-0", NotifyEvent.PAUSED, "android-2-1-0 2.1.0: paused in phase-1", "", null,
                new Details(null, null, null, null, null, List.of(), List.of("first line\nsecond line"), null, List.of()));
        JsonNode body = TeamsCards.card(m).get("body");
        assertEquals("- first line second line", after(body, "Why"));
    }

    @Test
    void theHtmlRendering_drawsListsAndBold_asTeamsDoes() {
        assertEquals("<ul><li>✅ a &gt; b</li><li><b>c</b></li></ul><p>next</p>", AdaptiveCardHtml.markdown("- ✅ a > b\r- **c**\n\nnext"));
    }

    static void assertAWorkflowsCard(ObjectNode envelope) {
        int bytes = envelope.toString().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 20_000, "card is " + bytes + " bytes; Teams refuses about 28 KB");
        for (JsonNode b : envelope.at("/attachments/0/content/body")) {
            assertTrue(List.of("TextBlock", "FactSet").contains(b.get("type").asText()), b.toString());
            if (b.get("type").asText().equals("TextBlock")) {
                assertTrue(b.get("wrap").asBoolean(), "a TextBlock that does not wrap cuts its text: " + b);
                assertFalse(b.get("text").asText().isBlank(), "an empty TextBlock");
            }
        }
    }

    private static JsonNode body(String kind) {
        return TeamsCards.render(SeedMessages.all().get(kind)).at("/attachments/0/content/body");
    }

    private static JsonNode title(String kind) {
        return body(kind).get(0);
    }

    /** The TextBlock after the heading {@code heading}. */
    private static String after(JsonNode body, String heading) {
        for (int i = 0; i < body.size() - 1; i++) {
            if (heading.equals(body.get(i).path("text").asText())) {
                return body.get(i + 1).get("text").asText();
            }
        }
        throw new AssertionError("no " + heading + " in " + body);
    }
}

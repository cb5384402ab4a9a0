package dev.ringmaster.adapters.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.slack.SlackBlocks;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as an Adaptive Card 1.4 in the envelope a Teams Workflows webhook takes (REFERENCE-signals §6): a title
 * coloured by severity, the rollout's facts, each verdict marked as in Slack, why, what happens next, and on-call's
 * commands in monospace. A card over about 28 KB is refused (413) and a broken one fails only in the flow's run
 * history, where nobody looks, so every text is cut here to keep the card near 12 KB at most.
 */
public final class TeamsCards {
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final int MAX_TITLE = 200;
    static final int MAX_FACT = 200;
    static final int MAX_LINE = 400;
    static final int MAX_VERDICT_LINES = 20;
    static final int MAX_VERDICTS = 6_000;
    static final int MAX_WHY = 3_000;
    static final int MAX_NEXT = 1_000;
    static final int MAX_COMMAND = 500;
    static final String CONSOLE = "AWS console: paste into the operate function's Test tab";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TeamsCards() {
    }

    /** {@code {"type":"message","attachments":[{adaptive card}]}}. */
    public static ObjectNode render(Message m) {
        ObjectNode envelope = JSON.objectNode().put("type", "message");
        ObjectNode attachment = envelope.putArray("attachments").addObject()
                .put("contentType", CONTENT_TYPE).putNull("contentUrl");
        attachment.set("content", card(m));
        return envelope;
    }

    /** The Adaptive Card alone. */
    public static ObjectNode card(Message m) {
        Details d = m.details();
        ObjectNode card = JSON.objectNode()
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        // Workflows posts cards narrow unless told: verdict lines read badly wrapped at half width
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        ObjectNode title = text(body, marker(m.severity()) + " " + cut(title(m), MAX_TITLE)).put("size", "Large").put("weight", "Bolder");
        color(m.severity(), title);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Rollout", m.rolloutId());
        fact(facts, "App/Version", join(d.app(), d.version()));
        fact(facts, "Phase", d.phase());
        fact(facts, "Audience", d.audience());
        fact(facts, "State", d.state());
        fact(facts, "Severity", m.severity().key());
        if (!d.verdicts().isEmpty()) {
            heading(body, "Verdicts");
            List<String> lines = SlackBlocks.worstFirst(d.verdicts()).stream()
                    .map(v -> "- " + SlackBlocks.mark(v) + " " + cut(oneLine(v), MAX_LINE)).toList();
            int over = Math.max(0, lines.size() - MAX_VERDICT_LINES);
            text(body, list(lines.subList(0, lines.size() - over), MAX_VERDICTS, "verdicts", over)).put("spacing", "Small");
        }
        List<String> why = d.reasons().isEmpty() && m.text() != null && !m.text().isBlank() ? m.text().lines().toList() : d.reasons();
        if (!why.isEmpty()) {
            heading(body, "Why");
            text(body, list(why.stream().map(r -> "- " + cut(oneLine(r), MAX_LINE)).toList(), MAX_WHY, "reasons", 0)).put("spacing", "Small");
        }
        if (d.next() != null && !d.next().isBlank()) {
            heading(body, "Next");
            text(body, cut(d.next(), MAX_NEXT)).put("spacing", "Small");
        }
        if (!d.commands().isEmpty()) {
            heading(body, "What on-call can do").put("separator", true);
            for (Instruction c : d.commands()) {
                text(body, "**" + cut(c.label(), MAX_FACT) + "**").put("spacing", "Small");
                text(body, cut(c.cli(), MAX_COMMAND)).put("fontType", "Monospace").put("spacing", "None");
            }
            List<String> events = d.commands().stream().map(Instruction::operateEvent).filter(e -> e != null && !e.isBlank()).toList();
            if (!events.isEmpty()) {
                text(body, CONSOLE).put("isSubtle", true).put("size", "Small").put("spacing", "Medium");
                for (String e : events) {
                    text(body, cut(e, MAX_COMMAND)).put("fontType", "Monospace").put("isSubtle", true).put("size", "Small")
                            .put("spacing", "None");
                }
            }
        }
        return card;
    }

    static String marker(Severity s) {
        return switch (s) {
            case CRITICAL -> "🔴";
            case WARNING -> "⚠️";
            case INFO -> "ℹ️";
        };
    }

    private static void color(Severity s, ObjectNode block) {
        switch (s) {
            case CRITICAL -> block.put("color", "Attention");
            case WARNING -> block.put("color", "Warning");
            case INFO -> {
            }
        }
    }

    private static ObjectNode text(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    private static ObjectNode heading(ArrayNode body, String text) {
        return text(body, text).put("weight", "Bolder").put("spacing", "Medium");
    }

    /**
     * A Markdown list, items apart by {@code \r} as Adaptive Cards want (a blank line would indent the next item),
     * with as many items as fit in {@code max}; then "…and N more".
     */
    private static String list(List<String> items, int max, String what, int alreadyDropped) {
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String item : items) {
            if (length + item.length() + 1 > max) {
                break;
            }
            kept.add(item);
            length += item.length() + 1;
        }
        int dropped = items.size() - kept.size() + alreadyDropped;
        if (dropped > 0) {
            kept.add("- …and " + dropped + " more " + what);
        }
        return String.join("\r", kept);
    }

    /** A list item ends at a line break: a reason's own break would start a paragraph mid-list. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null && !value.isBlank()) {
            facts.addObject().put("title", title).put("value", cut(value, MAX_FACT));
        }
    }

    private static String title(Message m) {
        return m.title() != null && !m.title().isBlank() ? m.title() : m.rolloutId() + ": " + m.event();
    }

    private static String join(String app, String version) {
        if (app == null || app.isBlank()) {
            return version;
        }
        return version == null || version.isBlank() ? app : app + " " + version;
    }

    /** At most {@code max} characters, "…" marking a cut, never splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}

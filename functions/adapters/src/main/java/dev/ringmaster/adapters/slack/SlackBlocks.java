package dev.ringmaster.adapters.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.gate.Outcome;
import dev.ringmaster.core.plan.Severity;
import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as Slack Block Kit (REFERENCE-signals §5): header, the rollout's facts as fields, each verdict marked,
 * why, what happens next and what on-call can do, as a command line and as the {@code operate} event for the AWS
 * console. Slack refuses a message over its limits rather than cutting it ({@code invalid_blocks},
 * {@code msg_blocks_too_long} at about 13k characters), so every text is cut here, failures kept first.
 */
public final class SlackBlocks {
    /** Slack's limits. */
    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3_000;
    static final int MAX_FIELD = 2_000;
    /** Our budgets, which keep the whole message near 10k characters, under Slack's ~13k. */
    static final int MAX_VERDICT_LINES = 20;
    static final int MAX_LINE = 500;
    static final int MAX_WHY = 2_000;
    static final int MAX_NEXT = 1_000;
    static final int MAX_FIELD_VALUE = 200;
    static final int MAX_COMMANDS = 1_500;
    static final int MAX_CONSOLE = 2_000;
    static final String CONSOLE = "AWS console: paste into the operate function's Test tab";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern OUTCOME = Pattern.compile("\\s(PASS|FAIL|INCONCLUSIVE)(?::|$)");

    private SlackBlocks() {
    }

    /** {@code {"text": fallback, "blocks": [...]}}: an incoming webhook's body; chat.postMessage adds the channel. */
    public static ObjectNode render(Message m) {
        Details d = m.details();
        ArrayNode blocks = JSON.arrayNode();
        blocks.add(header(cut(marker(m.severity()) + " " + title(m), MAX_HEADER)));
        List<String> fields = new ArrayList<>();
        field(fields, "Rollout", m.rolloutId());
        field(fields, "App/Version", join(d.app(), d.version()));
        field(fields, "Phase", d.phase());
        field(fields, "Audience", d.audience());
        field(fields, "State", d.state());
        field(fields, "Severity", m.severity().key());
        ObjectNode facts = blocks.addObject().put("type", "section");
        fields.forEach(f -> facts.withArray("fields").addObject().put("type", "mrkdwn").put("text", f));
        if (!d.verdicts().isEmpty()) {
            blocks.add(section(verdicts(d.verdicts())));
        }
        List<String> why = d.reasons().isEmpty() && m.text() != null && !m.text().isBlank() ? m.text().lines().toList() : d.reasons();
        if (!why.isEmpty()) {
            blocks.add(section(lines("*Why*", why.stream().map(r -> "• " + escape(cut(r, MAX_LINE))).toList(), MAX_WHY, "reasons")));
        }
        if (d.next() != null && !d.next().isBlank()) {
            blocks.add(section("*Next*\n" + escape(cut(d.next(), MAX_NEXT))));
        }
        if (!d.commands().isEmpty()) {
            blocks.addObject().put("type", "divider");
            blocks.add(section(lines("*What on-call can do*", d.commands().stream()
                    .map(c -> "*" + escape(c.label()) + "*  " + code(c.cli())).toList(), MAX_COMMANDS, "commands")));
            List<String> events = d.commands().stream().map(Instruction::operateEvent).filter(e -> e != null && !e.isBlank())
                    .map(SlackBlocks::code).toList();
            if (!events.isEmpty()) {
                ObjectNode context = blocks.addObject().put("type", "context");
                context.withArray("elements").addObject().put("type", "mrkdwn")
                        .put("text", lines(CONSOLE, events, MAX_CONSOLE, "events"));
            }
        }
        ObjectNode payload = JSON.objectNode();
        payload.put("text", fallback(m));
        payload.set("blocks", blocks);
        return payload;
    }

    /** Which way a verdict line went, read from "gate crash_rate ≤ 0.005 FAIL: …"; empty for a line that is no verdict. */
    public static Optional<Outcome> outcome(String verdict) {
        Matcher m = OUTCOME.matcher(verdict);
        return m.find() ? Optional.of(Outcome.valueOf(m.group(1))) : Optional.empty();
    }

    /** ✅ PASS, ❌ FAIL, ⏳ INCONCLUSIVE, • anything else: the same marks in Slack and Teams. */
    public static String mark(String verdict) {
        return outcome(verdict).map(o -> switch (o) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case INCONCLUSIVE -> "⏳";
        }).orElse("•");
    }

    /**
     * Verdicts worst first, so a cut keeps the failures: FAIL, INCONCLUSIVE, PASS, then lines that are no verdict,
     * each kind in the decision's order.
     */
    public static List<String> worstFirst(List<String> verdicts) {
        return verdicts.stream().sorted(Comparator.comparingInt(v -> outcome(v).map(o -> -o.ordinal()).orElse(1))).toList();
    }

    static String marker(Severity s) {
        return switch (s) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
        };
    }

    private static String verdicts(List<String> verdicts) {
        List<String> shown = worstFirst(verdicts).stream().map(v -> mark(v) + " " + escape(cut(v, MAX_LINE))).toList();
        if (shown.size() > MAX_VERDICT_LINES) {
            List<String> kept = new ArrayList<>(shown.subList(0, MAX_VERDICT_LINES));
            return lines("*Verdicts*", kept, MAX_SECTION - 80, "verdicts", shown.size() - kept.size());
        }
        return lines("*Verdicts*", shown, MAX_SECTION - 80, "verdicts");
    }

    private static String lines(String heading, List<String> lines, int max, String what) {
        return lines(heading, lines, max, what, 0);
    }

    /** The heading and as many whole lines as fit in {@code max}, then "…and N more" for those left out. */
    private static String lines(String heading, List<String> lines, int max, String what, int alreadyDropped) {
        StringBuilder b = new StringBuilder(heading);
        int kept = 0;
        for (String line : lines) {
            if (b.length() + 1 + line.length() > max) {
                break;
            }
            b.append('\n').append(line);
            kept++;
        }
        int dropped = lines.size() - kept + alreadyDropped;
        if (dropped > 0) {
            b.append("\n…and ").append(dropped).append(" more ").append(what);
        }
        return b.toString();
    }

    private static String fallback(Message m) {
        String next = m.details().next();
        return escape(cut(title(m) + (next == null || next.isBlank() ? "" : "\n" + next), MAX_SECTION));
    }

    private static String title(Message m) {
        return m.title() != null && !m.title().isBlank() ? m.title() : m.rolloutId() + ": " + m.event();
    }

    private static void field(List<String> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(cut("*" + name + "*\n" + escape(cut(value, MAX_FIELD_VALUE)), MAX_FIELD));
        }
    }

    private static String join(String app, String version) {
        if (app == null || app.isBlank()) {
            return version;
        }
        return version == null || version.isBlank() ? app : app + " " + version;
    }

    private static ObjectNode header(String text) {
        ObjectNode h = JSON.objectNode().put("type", "header");
        h.putObject("text").put("type", "plain_text").put("text", text).put("emoji", true);
        return h;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode s = JSON.objectNode().put("type", "section");
        s.putObject("text").put("type", "mrkdwn").put("text", cut(mrkdwn, MAX_SECTION));
        return s;
    }

    /** A code span; a backtick inside would end it early. */
    private static String code(String text) {
        return "`" + escape(cut(text, MAX_LINE)).replace('`', '\'') + "`";
    }

    /**
     * Slack's three control characters (api.slack.com "Formatting text for app surfaces"): an unescaped {@code <} in a
     * reason could otherwise become a link or an {@code <!channel>} ping.
     */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** At most {@code max} characters, "…" marking a cut, never splitting a surrogate pair or an escaped {@code &amp;}. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        int amp = s.lastIndexOf('&', end - 1);
        int semi = amp < 0 ? -1 : s.indexOf(';', amp);
        if (amp >= 0 && end - amp < 5 && (semi < 0 || semi >= end)) {
            end = amp;
        }
        return s.substring(0, end) + "…";
    }
}

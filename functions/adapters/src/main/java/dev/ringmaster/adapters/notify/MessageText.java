package dev.ringmaster.adapters.notify;

import dev.ringmaster.core.port.Notifier.Details;
import dev.ringmaster.core.port.Notifier.Instruction;
import dev.ringmaster.core.port.Notifier.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A message as plain text in sections (what happened, the rollout, verdicts, why, next, what you can do), for
 * channels without layout of their own: the signed webhook's {@code text}-only receivers and the email body. Empty
 * sections are left out, so a message without details is its title and text.
 */
public final class MessageText {
    private MessageText() {
    }

    /**
     * One part of the message: a heading and its lines, in order.
     *
     * @param aligned lines laid out in columns or meant to be copied (fields, commands): a fixed-width font keeps them so
     */
    public record Section(String heading, List<String> lines, boolean aligned) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    /** "[CRITICAL] title", a blank line, then each section under its heading with its lines indented. */
    public static String plain(Message m) {
        StringBuilder b = new StringBuilder(headline(m)).append('\n');
        for (Section s : sections(m)) {
            b.append('\n').append(s.heading()).append('\n');
            s.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        }
        return b.toString();
    }

    /** "[CRITICAL] title": an email's subject, the first line of the plain text. */
    public static String headline(Message m) {
        return "[" + m.severity().name() + "] " + m.title();
    }

    public static List<Section> sections(Message m) {
        Details d = m.details();
        List<Section> out = new ArrayList<>();
        List<String> happened = lines(m.text());
        add(out, "What happened", happened, false);
        List<String> rollout = new ArrayList<>();
        field(rollout, "Rollout", m.rolloutId());
        field(rollout, "App", d.app());
        field(rollout, "Version", d.version());
        field(rollout, "Phase", d.phase());
        field(rollout, "Audience", d.audience());
        field(rollout, "State", d.state());
        field(rollout, "Event", m.event().key + " (" + m.severity().key() + ")");
        add(out, "Rollout", rollout, true);
        add(out, "Verdicts", d.verdicts().stream().map(v -> "- " + v).toList(), false);
        // The notify step passes the reasons as the text; saying them twice would bury the rest.
        if (!d.reasons().equals(happened)) {
            add(out, "Why", d.reasons().stream().map(r -> "- " + r).toList(), false);
        }
        add(out, "Next", lines(d.next()), false);
        List<String> commands = new ArrayList<>();
        for (Instruction i : d.commands()) {
            commands.add(i.label() + ":");
            if (i.cli() != null) {
                commands.add("  CLI:     " + i.cli());
            }
            if (i.operateEvent() != null) {
                commands.add("  operate: " + i.operateEvent());
            }
        }
        add(out, "What you can do", commands, true);
        return out;
    }

    private static void field(List<String> out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.add(String.format("%-9s %s", name + ":", value));
        }
    }

    private static void add(List<Section> out, String heading, List<String> lines, boolean aligned) {
        if (!lines.isEmpty()) {
            out.add(new Section(heading, lines, aligned));
        }
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : text.strip().lines().toList();
    }
}

package dev.ringmaster.adapters.email;

import dev.ringmaster.adapters.notify.MessageText;
import dev.ringmaster.core.port.Notifier.Message;

/** The email's HTML part: the plain text's sections as headings and lines, every value escaped. */
final class EmailHtml {
    private EmailHtml() {
    }

    static String of(Message m) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        b.append("<h2>").append(escape(MessageText.headline(m))).append("</h2>");
        for (MessageText.Section s : MessageText.sections(m)) {
            b.append("<h3>").append(escape(s.heading())).append("</h3>");
            boolean code = s.aligned();
            b.append(code ? "<pre style=\"white-space:pre-wrap\">" : "<p>");
            b.append(String.join(code ? "\n" : "<br>", s.lines().stream().map(EmailHtml::escape).toList()));
            b.append(code ? "</pre>" : "</p>");
        }
        return b.append("</body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

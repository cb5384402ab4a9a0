package dev.ringmaster.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Adaptive Card we send, as HTML styled like a card posted by Workflows in a Teams channel, for the docs'
 * screenshots (the adaptivecards renderer is a browser package that needs the network to install). It draws what
 * {@link TeamsCards} uses: TextBlock (size, weight, color, isSubtle, fontType, spacing, separator, the Markdown subset:
 * **bold**, _italic_, "- " lists apart by \r or \n, paragraphs apart by a blank line) and FactSet.
 */
public final class AdaptiveCardHtml {
    private static final Map<String, String> SIZE = Map.of("Small", "12px", "Default", "14px", "Medium", "16px", "Large", "20px",
            "ExtraLarge", "24px");
    private static final Map<String, String> SPACING = Map.of("None", "0", "Small", "4px", "Default", "8px", "Medium", "16px",
            "Large", "24px", "ExtraLarge", "32px");
    private static final Map<String, String> COLOR = Map.of("Attention", "#c4314b", "Warning", "#835b00", "Good", "#237b4b",
            "Accent", "#5b5fc7", "Default", "#242424");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w])_([^_]+)_(?![\\w])");
    private static final String STYLE = """
            body { margin: 0; background: #f5f5f5; font-family: "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
                   color: #242424; font-size: 14px; line-height: 1.43; }
            .channel { background: #fff; border-bottom: 1px solid #e0e0e0; padding: 10px 20px; font-weight: 700; font-size: 16px; }
            .post { display: flex; margin: 16px 20px; }
            .avatar { flex: none; width: 32px; height: 32px; border-radius: 50%; background: #5b5fc7; color: #fff; font-weight: 700;
                      text-align: center; line-height: 32px; margin-right: 10px; }
            .bubble { flex: 1; min-width: 0; background: #fff; border-radius: 4px; padding: 10px 16px 14px 16px;
                      box-shadow: 0 1px 2px rgba(0,0,0,.14); }
            .sender { font-size: 12px; color: #616161; margin-bottom: 8px; } .sender b { color: #242424; font-weight: 600; }
            .card { border: 1px solid #e0e0e0; border-radius: 4px; padding: 14px 16px; }
            .tb { overflow-wrap: anywhere; } .tb p { margin: 0; } .tb ul { margin: 0; padding-left: 20px; }
            .mono { font-family: Consolas, Menlo, "DejaVu Sans Mono", monospace; }
            .separator { border-top: 1px solid #e0e0e0; padding-top: 8px; }
            table.facts { border-collapse: collapse; } table.facts p { margin: 0; } table.facts td { padding: 1px 0; vertical-align: top; }
            table.facts td.title { font-weight: 600; padding-right: 12px; white-space: nowrap; }
            """;

    private AdaptiveCardHtml() {
    }

    /** A whole page: the channel, then the Workflows post holding the envelope's card. */
    public static String page(JsonNode envelope, String channel) {
        JsonNode card = envelope.at("/attachments/0/content");
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>").append(STYLE)
                .append("</style></head><body><div class=\"channel\">").append(html(channel)).append("</div>")
                .append("<div class=\"post\"><div class=\"avatar\">W</div><div class=\"bubble\">")
                .append("<div class=\"sender\"><b>ringmaster</b> via Workflows &nbsp; 10:15</div><div class=\"card\">");
        boolean first = true;
        for (JsonNode element : card.get("body")) {
            b.append(element(element, first));
            first = false;
        }
        return b.append("</div></div></div></body></html>").toString();
    }

    private static String element(JsonNode e, boolean first) {
        String spacing = first ? "0" : SPACING.getOrDefault(e.path("spacing").asText("Default"), "8px");
        String separator = e.path("separator").asBoolean() ? " separator" : "";
        return switch (e.get("type").asText()) {
            case "TextBlock" -> {
                String color = e.path("isSubtle").asBoolean() ? "#616161" : COLOR.getOrDefault(e.path("color").asText("Default"), "#242424");
                String style = "margin-top:" + spacing + ";font-size:" + SIZE.getOrDefault(e.path("size").asText("Default"), "14px")
                        + ";font-weight:" + (e.path("weight").asText("").equals("Bolder") ? "600" : e.path("weight").asText("").equals("Lighter") ? "300" : "400")
                        + ";color:" + color;
                String mono = e.path("fontType").asText("").equals("Monospace") ? " mono" : "";
                yield "<div class=\"tb" + mono + separator + "\" style=\"" + style + "\">" + markdown(e.get("text").asText()) + "</div>";
            }
            case "FactSet" -> {
                StringBuilder s = new StringBuilder("<table class=\"facts" + separator + "\" style=\"margin-top:" + spacing + "\">");
                e.get("facts").forEach(f -> s.append("<tr><td class=\"title\">").append(markdown(f.get("title").asText()))
                        .append("</td><td>").append(markdown(f.get("value").asText())).append("</td></tr>"));
                yield s.append("</table>").toString();
            }
            default -> throw new IllegalArgumentException("AdaptiveCardHtml does not draw '" + e.get("type").asText() + "'");
        };
    }

    /** Paragraphs apart by a blank line; within one, lines starting "- " form a list. */
    static String markdown(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n\n")) {
            String[] lines = paragraph.split("[\r\n]");
            List<String> items = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("- ")) {
                    items.add(inline(line.substring(2)));
                } else {
                    if (!items.isEmpty()) {
                        out.append(list(items));
                        items.clear();
                    }
                    out.append("<p>").append(inline(line)).append("</p>");
                }
            }
            if (!items.isEmpty()) {
                out.append(list(items));
            }
        }
        return out.toString();
    }

    private static String list(List<String> items) {
        StringBuilder b = new StringBuilder("<ul>");
        items.forEach(i -> b.append("<li>").append(i).append("</li>"));
        return b.append("</ul>").toString();
    }

    private static String inline(String s) {
        String bold = BOLD.matcher(html(s)).replaceAll(m -> Matcher.quoteReplacement("<b>" + m.group(1) + "</b>"));
        return ITALIC.matcher(bold).replaceAll(m -> Matcher.quoteReplacement("<i>" + m.group(1) + "</i>"));
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

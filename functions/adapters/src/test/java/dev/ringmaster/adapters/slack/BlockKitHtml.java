package dev.ringmaster.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Block Kit we send, as HTML styled like a Slack message, for the docs' screenshots: there is no Block Kit
 * renderer for Java and Slack's Block Kit Builder is online only. It shows the blocks we use (header, section text
 * and fields, divider, context) and the mrkdwn in them (*bold*, _italic_, `code`, emoji shortcodes, Slack's escapes).
 */
public final class BlockKitHtml {
    private static final Map<String, String> EMOJI = Map.of(":red_circle:", "🔴", ":warning:", "⚠️", ":information_source:", "ℹ️",
            ":white_check_mark:", "✅", ":x:", "❌", ":hourglass_flowing_sand:", "⏳");
    private static final Pattern BOLD = Pattern.compile("(?<![\\w*])\\*([^*\\n]+)\\*(?![\\w*])");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w])_([^_\\n]+)_(?![\\w])");
    private static final String STYLE = """
            body { margin: 0; background: #fff; font-family: Lato, "Helvetica Neue", Helvetica, "DejaVu Sans", Arial, sans-serif;
                   color: #1d1c1d; font-size: 15px; line-height: 1.46668; }
            .channel { border-bottom: 1px solid #e8e8e8; padding: 10px 20px; font-weight: 900; font-size: 18px; }
            .message { display: flex; padding: 8px 20px 16px 20px; }
            .avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; font-weight: 900;
                      font-size: 20px; text-align: center; line-height: 36px; margin-right: 8px; margin-top: 4px; }
            .content { flex: 1; min-width: 0; }
            .sender b { font-weight: 900; } .badge { background: rgba(29,28,29,.13); color: rgba(29,28,29,.7); font-size: 10px;
                      font-weight: 700; padding: 1px 3px; border-radius: 2px; margin: 0 4px; vertical-align: 2px; }
            .time { color: #616061; font-size: 12px; }
            .header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 6px 0 4px 0; }
            .section { margin: 4px 0; overflow-wrap: anywhere; }
            .fields { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; row-gap: 6px; margin: 8px 0; }
            .divider { border: 0; border-top: 1px solid #dddddd; margin: 10px 0; }
            .context { color: #616061; font-size: 12px; line-height: 1.5; margin: 6px 0; overflow-wrap: anywhere; }
            code { font-family: Monaco, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; color: #e01e5a;
                   background: rgba(29,28,29,.04); border: 1px solid rgba(29,28,29,.13); border-radius: 3px; padding: 2px 3px 1px;
                   line-height: 1.9; }
            .context code { font-size: 11px; }
            """;

    private BlockKitHtml() {
    }

    /** A whole page: the channel's name, then the message as the app posted it. */
    public static String page(JsonNode payload, String channel) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>").append(STYLE)
                .append("</style></head><body><div class=\"channel\"># ").append(html(channel)).append("</div>")
                .append("<div class=\"message\"><div class=\"avatar\">R</div><div class=\"content\">")
                .append("<div class=\"sender\"><b>ringmaster</b><span class=\"badge\">APP</span><span class=\"time\">10:15 AM</span></div>");
        for (JsonNode block : payload.get("blocks")) {
            b.append(block(block));
        }
        return b.append("</div></div></body></html>").toString();
    }

    private static String block(JsonNode block) {
        return switch (block.get("type").asText()) {
            case "header" -> "<div class=\"header\">" + emoji(html(block.at("/text/text").asText())) + "</div>";
            case "section" -> {
                StringBuilder s = new StringBuilder();
                if (block.has("text")) {
                    s.append("<div class=\"section\">").append(text(block.get("text"))).append("</div>");
                }
                if (block.has("fields")) {
                    s.append("<div class=\"fields\">");
                    block.get("fields").forEach(f -> s.append("<div>").append(text(f)).append("</div>"));
                    s.append("</div>");
                }
                yield s.toString();
            }
            case "divider" -> "<hr class=\"divider\">";
            case "context" -> {
                StringBuilder s = new StringBuilder("<div class=\"context\">");
                block.get("elements").forEach(e -> s.append("<span>").append(text(e)).append("</span> "));
                yield s.append("</div>").toString();
            }
            default -> throw new IllegalArgumentException("BlockKitHtml does not draw '" + block.get("type").asText() + "' blocks");
        };
    }

    private static String text(JsonNode text) {
        String raw = text.get("text").asText();
        return text.get("type").asText().equals("plain_text") ? emoji(html(raw)) : mrkdwn(raw);
    }

    /** Code spans are taken verbatim; outside them *bold*, _italic_ and shortcodes; Slack's escapes become characters. */
    static String mrkdwn(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = html(unescape(parts[i]));
            if (i % 2 == 1 && i < parts.length - 1) {
                out.append("<code>").append(part).append("</code>");
            } else {
                String bold = BOLD.matcher(emoji(part)).replaceAll(m -> Matcher.quoteReplacement("<b>" + m.group(1) + "</b>"));
                String formatted = ITALIC.matcher(bold).replaceAll(m -> Matcher.quoteReplacement("<i>" + m.group(1) + "</i>"));
                out.append(i % 2 == 1 ? "`" : "").append(formatted);
            }
        }
        return out.toString().replace("\n", "<br>");
    }

    private static String emoji(String s) {
        for (Map.Entry<String, String> e : EMOJI.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String html(String s) {
        Matcher m = Pattern.compile("[&<>\"]").matcher(s);
        return m.replaceAll(r -> switch (r.group()) {
            case "&" -> "&amp;";
            case "<" -> "&lt;";
            case ">" -> "&gt;";
            default -> "&quot;";
        });
    }
}

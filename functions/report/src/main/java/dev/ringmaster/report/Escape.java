package dev.ringmaster.report;

/** Makes text safe to place inside the report page: in element content and attributes, or inside a script element. */
public final class Escape {
    private Escape() {
    }

    /** Text for HTML element content or a quoted attribute value. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Script source or JSON for a script element. A script element ends at the first {@code </} followed by
     * "script", whatever JavaScript thinks of it, so {@code </} becomes {@code <\/}, which means the same
     * inside JavaScript and JSON strings (the only places it can stand in valid source).
     */
    public static String scriptBody(String source) {
        return source.replace("</", "<\\/");
    }
}

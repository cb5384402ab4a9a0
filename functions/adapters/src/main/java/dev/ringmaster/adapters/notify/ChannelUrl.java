package dev.ringmaster.adapters.notify;

import dev.ringmaster.adapters.secrets.Secrets;
import java.net.URI;
import java.util.Set;

/**
 * A channel's URL as a plan gives it: {@code https://…} as written, or a reference ({@code ssm:/…}, {@code env:…})
 * whose value is the URL. A webhook URL often carries its own credential, so when it came from a reference an
 * error names the reference, never the value. Plain {@code http} only to a loopback address: a local stand-in.
 */
public final class ChannelUrl {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final URI uri;
    private final String shown;

    private ChannelUrl(URI uri, String shown) {
        this.uri = uri;
        this.shown = shown;
    }

    /**
     * @param what the key and channel, for errors: "statuspage url"
     */
    public static ChannelUrl of(String urlOrReference, Secrets secrets, String what) {
        if (urlOrReference == null || urlOrReference.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        boolean reference = Secrets.isReference(urlOrReference);
        String text = reference ? secrets.resolve(urlOrReference).strip() : urlOrReference.strip();
        String where = reference ? "the value of " + urlOrReference : "'" + urlOrReference + "'";
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + where + " is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        boolean local = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && LOOPBACK.contains(uri.getHost());
        if (!https && !local) {
            throw new IllegalArgumentException(what + ": " + where + " is not an https:// URL");
        }
        return new ChannelUrl(uri, reference ? urlOrReference : text);
    }

    public URI uri() {
        return uri;
    }

    /** What an error message may say: the reference, or the URL when the plan wrote it out. */
    public String shown() {
        return shown;
    }

    /** {@code text} (an HTTP layer's error) with this URL's secret parts replaced by the reference. */
    public String redact(String text) {
        if (text == null || shown.equals(uri.toString())) {
            return text;
        }
        String out = text.replace(uri.toString(), shown);
        for (String part : new String[] {uri.getRawPath(), uri.getPath(), uri.getRawQuery(), uri.getQuery()}) {
            if (part != null && part.length() > 1) {
                out = out.replace(part, "…");
            }
        }
        return out;
    }
}

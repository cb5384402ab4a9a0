package dev.ringmaster.core.tags;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Facts about the image for its labels: the OCI title/source/created labels (any may be null and is then left
 * out) and the prefix of ringmaster's own labels, the project's reverse-DNS name (seed 001 labels images
 * {@code com.aitherzero.deployment.ring}); {@link #DEFAULT_PREFIX} when a plan names none.
 */
public record ImageMetadata(String title, String source, Instant created, String labelPrefix) {
    public static final String DEFAULT_PREFIX = "dev.ringmaster";
    public static final Pattern PREFIX = Pattern.compile("^[a-z0-9]+(\\.[a-z0-9-]+)+$");

    public ImageMetadata {
        if (title != null && title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank when given, got '" + title + "'");
        }
        if (source != null && source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank when given, got '" + source + "'");
        }
        if (labelPrefix == null) {
            labelPrefix = DEFAULT_PREFIX;
        } else if (!PREFIX.matcher(labelPrefix).matches()) {
            throw new IllegalArgumentException("labelPrefix must be a reverse-DNS name like com.aitherzero, got '" + labelPrefix + "'");
        }
    }

    public ImageMetadata(String title, String source, Instant created) {
        this(title, source, created, null);
    }

    public static ImageMetadata none() {
        return new ImageMetadata(null, null, null);
    }
}

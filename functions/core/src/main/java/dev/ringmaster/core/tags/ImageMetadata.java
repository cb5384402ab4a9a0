package dev.ringmaster.core.tags;

import java.time.Instant;

/**
 * Optional facts about the image for the OCI title/source/created labels; any field may be null and is then left out.
 */
public record ImageMetadata(String title, String source, Instant created) {

    public ImageMetadata {
        if (title != null && title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank when given, got '" + title + "'");
        }
        if (source != null && source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank when given, got '" + source + "'");
        }
    }

    public static ImageMetadata none() {
        return new ImageMetadata(null, null, null);
    }
}

package dev.ringmaster.core.tags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image tags and labels for one build, in the seed's order; {@code ring} is the ring name when the branch maps to
 * one; {@code notes} explain anything surprising (no ring, a branch rewritten to fit a tag).
 */
public record TagSet(List<String> tags, Map<String, String> labels, Optional<String> ring, List<String> notes) {

    public TagSet {
        tags = List.copyOf(tags);
        // Insertion order is kept so labels print in a stable, readable order.
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        ring = ring == null ? Optional.empty() : ring;
        notes = List.copyOf(notes);
    }
}

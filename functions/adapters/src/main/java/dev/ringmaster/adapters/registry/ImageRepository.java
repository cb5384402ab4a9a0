package dev.ringmaster.adapters.registry;

import java.util.List;
import java.util.Optional;

/** One repository of a registry, as ring tagging needs it: an OCI distribution API or Amazon ECR behind it. */
interface ImageRepository {

    /** The manifest a tag or digest names; {@code Refused} when the registry has none. */
    Manifest manifest(String reference);

    /** The digest a tag points at now; empty when the tag does not exist. */
    Optional<String> digest(String tag);

    /** Points {@code tag} at {@code manifest} (an absolute state: repeating it changes nothing). */
    void tag(Manifest manifest, String tag);

    /** Every tag matching the ring tag pattern and its digest, ordered by tag. */
    List<RingTag> ringTags(RingKeys keys);
}

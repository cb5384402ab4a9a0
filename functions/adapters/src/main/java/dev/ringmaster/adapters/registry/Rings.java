package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.util.List;

/**
 * A repository's ring tags and the digests they point at now, for {@code ringmaster rings REGISTRY/REPOSITORY}:
 * the tags matching the ring tag pattern ({@code {ring}-latest} unless told otherwise), ordered by tag.
 */
public final class Rings {
    private final ContainerRings rings;

    public Rings(OciRegistryTarget oci, EcrRingTarget ecr) {
        this.rings = new ContainerRings(oci, ecr);
    }

    /** {@code ghcr.io/wizzense/aitherzero}: the registry is everything before the first '/'. */
    public List<RingTag> list(String registryAndRepository) {
        return list(registryAndRepository, RingKeys.DEFAULT_RING_TAG);
    }

    /** @param ringTag the ring tag pattern, containing {@code {ring}} */
    public List<RingTag> list(String registryAndRepository, String ringTag) {
        String reference = registryAndRepository.replaceFirst("^https?://", "");
        int slash = reference.indexOf('/');
        if (slash <= 0 || slash == reference.length() - 1) {
            throw new Refused("'" + registryAndRepository + "' is not REGISTRY/REPOSITORY (like ghcr.io/wizzense/aitherzero)");
        }
        String scheme = registryAndRepository.substring(0, registryAndRepository.length() - reference.length());
        String registry = scheme + reference.substring(0, slash);
        String repository = reference.substring(slash + 1);
        return rings.of(registry).ringTags(registry, repository, ringTag);
    }
}

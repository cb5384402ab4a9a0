package dev.ringmaster.adapters.registry;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import dev.ringmaster.core.port.RolloutTarget.Unavailable;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * A repository in Amazon ECR (REFERENCE-targets §7): BatchGetImage reads a manifest, PutImage puts the same
 * manifest string under the ring tag, DescribeImages lists the tags.
 */
final class EcrRepository implements ImageRepository {
    /** The manifest kinds a build can be; without the index types a multi-arch image is not returned. */
    static final List<String> ACCEPTED = List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final EcrClient ecr;
    private final EcrRegistry registry;
    private final String name;
    private final String describe;

    EcrRepository(EcrClient ecr, EcrRegistry registry, RingKeys keys) {
        this.ecr = ecr;
        this.registry = registry;
        this.name = keys.repository();
        this.describe = keys.describe();
    }

    @Override
    public Manifest manifest(String reference) {
        BatchGetImageResponse r = batchGet(reference);
        if (r.hasImages() && !r.images().isEmpty()) {
            Image image = r.images().get(0);
            return new Manifest(image.imageId().imageDigest(), image.imageManifestMediaType(),
                    image.imageManifest().getBytes(StandardCharsets.UTF_8));
        }
        throw new Refused("ECR " + describe + " has no image " + reference + ": " + failure(r));
    }

    @Override
    public Optional<String> digest(String tag) {
        BatchGetImageResponse r = batchGet(tag);
        if (r.hasImages() && !r.images().isEmpty()) {
            return Optional.of(r.images().get(0).imageId().imageDigest());
        }
        if (r.failures().stream().allMatch(f -> f.failureCode() == ImageFailureCode.IMAGE_NOT_FOUND)) {
            return Optional.empty();
        }
        throw new Refused("ECR " + describe + " refused reading tag " + tag + ": " + failure(r));
    }

    @Override
    public void tag(Manifest manifest, String tag) {
        try {
            call("PutImage " + tag, () -> ecr.putImage(b -> b.registryId(registry.account()).repositoryName(name).imageTag(tag)
                    .imageManifest(new String(manifest.bytes(), StandardCharsets.UTF_8)).imageManifestMediaType(manifest.mediaType())));
        } catch (ImageAlreadyExistsException alreadyThere) {
            // The tag already names this very manifest (another tick got there first): the state we want.
        } catch (ImageTagAlreadyExistsException immutable) {
            throw new Refused("ECR repository " + describe + " has immutable tags: ring tag " + tag + " cannot be moved to "
                    + manifest.digest() + " (ImageTagAlreadyExistsException: " + immutable.awsErrorDetails().errorMessage()
                    + "); ring tags need a MUTABLE repository");
        }
    }

    @Override
    public List<RingTag> ringTags(RingKeys keys) {
        return call("DescribeImages", () -> ecr.describeImagesPaginator(b -> b.registryId(registry.account()).repositoryName(name)
                        .filter(f -> f.tagStatus(TagStatus.TAGGED))).imageDetails().stream()
                .flatMap(d -> d.imageTags().stream().flatMap(tag -> keys.ringOf(tag).map(ring -> new RingTag(ring, tag, d.imageDigest())).stream()))
                .sorted(Comparator.comparing(RingTag::tag))
                .toList());
    }

    private BatchGetImageResponse batchGet(String reference) {
        ImageIdentifier id = RingKeys.DIGEST.matcher(reference).matches()
                ? ImageIdentifier.builder().imageDigest(reference).build()
                : ImageIdentifier.builder().imageTag(reference).build();
        return call("BatchGetImage " + reference, () -> ecr.batchGetImage(b -> b.registryId(registry.account()).repositoryName(name)
                .imageIds(id).acceptedMediaTypes(ACCEPTED)));
    }

    private static String failure(BatchGetImageResponse r) {
        return r.failures().stream().findFirst().map(EcrRepository::failure).orElse("no image and no failure in the answer");
    }

    private static String failure(ImageFailure f) {
        return f.failureCodeAsString() + " " + f.failureReason();
    }

    /** SDK errors as the port's: throttling, 5xx and unreachable are worth another try later, the rest is ECR's answer. */
    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ImageAlreadyExistsException | ImageTagAlreadyExistsException handledByCaller) {
            throw handledByCaller;
        } catch (EcrException e) {
            String reason = e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new Unavailable("ECR " + describe + " " + what + " failed (" + e.statusCode() + " " + reason + ")");
            }
            throw new Refused("ECR " + describe + " refused " + what + ": " + reason);
        } catch (SdkClientException e) {
            throw new Unavailable("ECR " + describe + " unreachable for " + what + ": " + e.getMessage());
        }
    }
}

package dev.ringmaster.adapters.flags;

import dev.ringmaster.core.port.RolloutTarget;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A JSON flag document in S3 ({@code s3://bucket/key}), written with S3 conditional writes
 * (REFERENCE-targets §5): GetObject gives the ETag, PutObject sends it back as {@code If-Match}, or
 * {@code If-None-Match: *} when there was no object, so a write never replaces a document it did not read.
 * 412 PreconditionFailed and 409 ConditionalRequestConflict mean another writer won: the document is read
 * again and the change applied again. Throttling, 5xx and unreachable S3 are {@link RolloutTarget.Unavailable};
 * every other error (AccessDenied, NoSuchBucket…) is {@link RolloutTarget.Refused} with S3's code and message.
 * S3 answers a missing key with 403 AccessDenied, not 404, to a role without s3:ListBucket: the role needs
 * s3:GetObject, s3:PutObject and s3:ListBucket for the first write to create the document.
 */
final class S3FlagDocumentStore implements FlagDocumentStore {
    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String url;

    S3FlagDocumentStore(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.url = "s3://" + bucket + "/" + key;
    }

    /** {@code s3://BUCKET/KEY}; refuses a url without a bucket or a key. */
    static S3FlagDocumentStore at(S3Client s3, String url) {
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new RolloutTarget.Refused("flag store url '" + url + "' must be s3://BUCKET/KEY (a bucket and an object key)");
        }
        return new S3FlagDocumentStore(s3, rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public Snapshot read() {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return new Snapshot(JsonFlagDocument.parse(object.asByteArray(), url), object.response().eTag(), "");
        } catch (NoSuchKeyException e) {
            return new Snapshot(JsonFlagDocument.parse(null, url), null, "");
        } catch (S3Exception e) {
            throw failed("GetObject", e);
        } catch (SdkClientException e) {
            throw new RolloutTarget.Unavailable(url + ": GetObject did not reach S3: " + e.getMessage());
        }
    }

    @Override
    public boolean write(Snapshot read) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json");
        if (read.version() == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch((String) read.version());
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(read.document().bytes()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409 && "ConditionalRequestConflict".equals(code(e))) {
                return false;
            }
            throw failed("PutObject", e);
        } catch (SdkClientException e) {
            throw new RolloutTarget.Unavailable(url + ": PutObject did not reach S3: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return url;
    }

    private RuntimeException failed(String operation, S3Exception e) {
        String text = url + ": " + operation + " " + code(e) + " (HTTP " + e.statusCode() + ")"
                + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? "" : ": " + e.awsErrorDetails().errorMessage());
        boolean later = e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException() || "SlowDown".equals(code(e));
        return later ? new RolloutTarget.Unavailable(text) : new RolloutTarget.Refused(text);
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}

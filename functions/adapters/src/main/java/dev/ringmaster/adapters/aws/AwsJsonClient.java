package dev.ringmaster.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * A JSON call to an AWS service over the SDK's HTTP client, signed with SigV4. The mirror this project builds
 * from has no EventBridge or Scheduler client at the SDK version in use, so the two adapters speak their wire
 * protocols directly; everything is read as a JSON tree (no reflection: the functions are built native).
 *
 * <p>Throttling and 5xx are retried a few times with exponential backoff; anything else fails at once,
 * because repeating a request the service rejected as invalid cannot succeed.
 */
public final class AwsJsonClient {
    /** Error codes AWS services use for "slow down" or "try again" on a 4xx status. */
    private static final Set<String> RETRYABLE_CODES = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "ThrottledException", "RequestLimitExceeded", "ServiceUnavailable", "ServiceUnavailableException",
            "InternalException", "InternalFailure", "InternalServerException", "RequestTimeout", "RequestTimeoutException");
    static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String signingName;
    private final URI endpoint;
    private final Retry retry;

    /** How often and how patiently to retry; {@code sleeper} is replaceable so tests do not wait. */
    public record Retry(int maxAttempts, Duration firstBackoff, Sleeper sleeper) {
        public static final Retry DEFAULT = new Retry(3, Duration.ofMillis(200), Sleeper.THREAD);

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
            }
        }
    }

    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    /** A service answer: the status and its JSON body ({} when empty). */
    public record Response(int status, JsonNode body) {
    }

    public AwsJsonClient(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String signingName, URI endpoint,
                         Retry retry) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.signingName = signingName;
        this.endpoint = endpoint;
        this.retry = retry;
    }

    /** The public endpoint of {@code service} in {@code region} (https://events.eu-west-1.amazonaws.com). */
    public static URI regionalEndpoint(String service, String region) {
        return URI.create("https://" + service + "." + region + ".amazonaws.com");
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends {@code body} and returns a 2xx answer; a non-2xx answer throws {@link AwsCallFailed} after the
     * retries it deserves.
     */
    public Response call(String operation, SdkHttpMethod method, String path, Map<String, String> headers, String body) {
        AwsCallFailed last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                backoff(attempt);
            }
            Response r;
            try {
                r = once(method, path, headers, body);
            } catch (IOException e) {
                // No answer at all (connection reset, timeout): the request may or may not have arrived. Both
                // callers are idempotent (a repeated event is deduplicated downstream, a schedule conflict is
                // "already there"), so a retry is safe.
                last = new AwsCallFailed(operation, e);
                continue;
            }
            if (r.status() / 100 == 2) {
                return r;
            }
            String code = errorCode(r);
            last = new AwsCallFailed(operation, r.status(), code, errorMessage(r));
            if (!retryable(r.status(), code)) {
                throw last;
            }
        }
        throw last;
    }

    static boolean retryable(int status, String code) {
        return status >= 500 || status == 429 || (code != null && RETRYABLE_CODES.contains(code));
    }

    private void backoff(int attempt) {
        long base = retry.firstBackoff().toMillis() << (attempt - 2);
        // Full jitter: two Lambdas throttled together should not retry in step.
        long millis = base <= 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        try {
            retry.sleeper().sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    private Response once(SdkHttpMethod method, String path, Map<String, String> headers, String body) throws IOException {
        URI uri = endpoint.resolve(path);
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(method).uri(uri);
        headers.forEach(b::putHeader);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bytes != null) {
            b.putHeader("Content-Length", Integer.toString(bytes.length));
        }
        ContentStreamProvider payload = bytes == null ? null : ContentStreamProvider.fromByteArray(bytes);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(b.build())
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteRequest request = HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build();
        HttpExecuteResponse response = http.prepareRequest(request).call();
        String text = "";
        if (response.responseBody().isPresent()) {
            try (InputStream in = response.responseBody().get()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        int status = response.httpResponse().statusCode();
        JsonNode json;
        try {
            json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            // A proxy or load balancer answered with HTML: keep the text for the error message.
            json = JSON.createObjectNode().put("message", text.length() > 300 ? text.substring(0, 300) : text);
        }
        String type = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
        if (type != null && json.isObject() && !json.has("__type")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("__type", type);
        }
        return new Response(status, json);
    }

    /** "com.amazon.coral.service#ThrottlingException" and "ConflictException:http://…" both mean the short name. */
    static String errorCode(Response r) {
        String type = r.body().path("__type").asText(r.body().path("code").asText(null));
        if (type == null || type.isBlank()) {
            return null;
        }
        int hash = type.lastIndexOf('#');
        if (hash >= 0) {
            type = type.substring(hash + 1);
        }
        int colon = type.indexOf(':');
        return colon >= 0 ? type.substring(0, colon) : type;
    }

    private static String errorMessage(Response r) {
        JsonNode b = r.body();
        for (String k : new String[] {"message", "Message", "errorMessage"}) {
            if (b.hasNonNull(k)) {
                return b.get(k).asText();
            }
        }
        return null;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

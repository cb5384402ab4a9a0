package dev.ringmaster.adapters.http;

import dev.ringmaster.core.port.RolloutTarget;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Sends HTTP requests for the target adapters, retrying what a retry can fix: 429, 500, 502, 503, 504 and
 * I/O errors, with exponential backoff, honouring {@code Retry-After} (seconds or an HTTP date). A wait longer
 * than {@link Policy#maxWait} is not slept in a Lambda: the call gives up with {@link RolloutTarget.Unavailable}
 * and the chain's own redelivery tries again later. Every other response is returned for the adapter to read.
 */
public final class Http {
    private final HttpClient client;
    private final Policy policy;
    private final String system;
    private final Retry retry;

    /** How hard to try: attempts in all, the first backoff (doubled each time), and the longest wait worth sleeping. */
    public record Policy(int attempts, Duration firstBackoff, Duration maxWait, Duration timeout) {
        public static final Policy DEFAULT = new Policy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(15));
    }

    public Http(HttpClient client, Policy policy, String system) {
        this.client = client;
        this.policy = policy;
        this.system = system;
        this.retry = retry(policy, system);
    }

    /** One retry policy per system, made once: each call through it keeps its own attempt count. */
    private static Retry retry(Policy policy, String system) {
        RetryConfig config = RetryConfig.<HttpResponse<byte[]>>custom()
                .maxAttempts(policy.attempts())
                .retryOnResult(r -> retryable(r.statusCode()) && wait(r).compareTo(policy.maxWait()) <= 0)
                .retryExceptions(IOException.class)
                .intervalBiFunction((IntervalBiFunction<HttpResponse<byte[]>>) (attempt, either) -> {
                    Duration backoff = policy.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
                    if (either != null && either.isRight()) {
                        Duration asked = retryAfter(either.get()).orElse(Duration.ZERO);
                        return Math.max(backoff.toMillis(), asked.toMillis());
                    }
                    return backoff.toMillis();
                })
                .failAfterMaxAttempts(false)
                .build();
        return Retry.of(system, config);
    }

    /**
     * HTTP/1.1: on plain http (a loopback registry, a stand-in) Java's client would first ask to upgrade to h2c, which
     * servers that do not speak it leave unanswered until the timeout.
     */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The response, after retries; throws {@link RolloutTarget.Unavailable} when the system stayed unreachable or busy. */
    public HttpResponse<byte[]> send(HttpRequest request) {
        HttpRequest timed = HttpRequest.newBuilder(request, (k, v) -> true).timeout(policy.timeout()).build();
        HttpResponse<byte[]> response;
        try {
            response = Retry.decorateCheckedSupplier(retry, () -> client.send(timed, HttpResponse.BodyHandlers.ofByteArray())).get();
        } catch (IOException e) {
            throw new RolloutTarget.Unavailable(system + " unreachable after " + policy.attempts() + " attempts: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RolloutTarget.Unavailable(system + " call interrupted");
        } catch (Throwable e) {
            throw new RolloutTarget.Unavailable(system + " call failed: " + e);
        }
        if (retryable(response.statusCode())) {
            Duration w = wait(response);
            throw new RolloutTarget.Unavailable(system + " answered " + response.statusCode() + " to " + request.method() + " "
                    + request.uri().getPath() + (w.isZero() ? "" : " (Retry-After " + w.toSeconds() + " s)") + ": " + snippet(response));
        }
        return response;
    }

    static boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static Duration wait(HttpResponse<?> r) {
        return retryAfter(r).orElse(Duration.ZERO);
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110 §10.2.3). */
    static Optional<Duration> retryAfter(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").map(String::trim).flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration d = Duration.between(Instant.now(), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (java.time.format.DateTimeParseException bad) {
                    return Optional.empty();
                }
            }
        });
    }

    /** The start of a response body for an error message; never a header (they may carry tokens). */
    public static String snippet(HttpResponse<byte[]> r) {
        String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}

package dev.ringmaster.bench.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runtime API stand-in over real HTTP, as a function's runtime loop talks to it. */
class RuntimeApiStandInTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void nextHandsOutTheEventWithLambdasHeadersAndTheResponseIsRecorded() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(List.of("{\"rolloutId\":\"r1\"}"), "arn:aws:lambda:us-east-1:1:function:f",
                polls::incrementAndGet)) {
            String base = "http://" + api.address() + "/2018-06-01/runtime";
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(base + "/invocation/next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, next.statusCode());
            assertEquals("{\"rolloutId\":\"r1\"}", next.body());
            String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            assertEquals("arn:aws:lambda:us-east-1:1:function:f", next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
            assertTrue(Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()) > System.currentTimeMillis());
            assertTrue(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/invocation/" + id + "/response"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"HOLD\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, posted.statusCode());
            List<RuntimeApiStandIn.Invocation> answered = api.await(1, Duration.ofSeconds(5));
            assertEquals(1, answered.size());
            assertEquals(id, answered.get(0).requestId());
            assertFalse(answered.get(0).error());
            assertEquals("{\"decision\":\"HOLD\"}", answered.get(0).body());
            assertTrue(answered.get(0).handlerMillis() >= 0);
            assertEquals(1, polls.get());
        }
    }

    @Test
    void anErrorIsRecordedAsOneAndAnUnknownRequestIdIsRefused() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(List.of("{}"), "arn", () -> { })) {
            String base = "http://" + api.address() + "/2018-06-01/runtime";
            String id = http.send(HttpRequest.newBuilder(URI.create(base + "/invocation/next")).build(), HttpResponse.BodyHandlers.ofString())
                    .headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/invocation/not-" + id + "/response"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, unknown.statusCode());
            http.send(HttpRequest.newBuilder(URI.create(base + "/invocation/" + id + "/error"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"boom\"}")).build(), HttpResponse.BodyHandlers.ofString());
            RuntimeApiStandIn.Invocation answered = api.await(1, Duration.ofSeconds(5)).get(0);
            assertTrue(answered.error());
            assertEquals("{\"errorMessage\":\"boom\"}", answered.body());
        }
    }

    @Test
    void anInitErrorEndsTheWait() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(List.of("{}"), "arn", () -> { })) {
            http.send(HttpRequest.newBuilder(URI.create("http://" + api.address() + "/2018-06-01/runtime/init/error"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"no table\"}")).build(), HttpResponse.BodyHandlers.ofString());
            long start = System.nanoTime();
            assertTrue(api.await(1, Duration.ofSeconds(30)).isEmpty());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "await returns on the init error, not at its timeout");
            assertEquals("{\"errorMessage\":\"no table\"}", api.initError().orElseThrow());
        }
    }
}

package dev.ringmaster.adapters.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real CNCF distribution registry (Debian's {@code docker-registry}) on a free loopback port, storing in a temp
 * dir, for the test class. Tests are skipped, not failed, where the package is not installed.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private Path dir;
    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "no " + BINARY + ": install the Debian package docker-registry to run the real-registry tests");
        dir = Files.createTempDirectory("ringmaster-registry");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: ringmaster-test-only
                """.formatted(dir.resolve("data"), port));
        process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        awaitReady();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** host:port, as a plan's registry key. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Pushes a one-layer OCI image whose config labels it {@code version}, under {@code tag}; returns its manifest digest. */
    public String push(String repository, String tag, String version) throws Exception {
        byte[] layer = gzip(("ringmaster test layer " + version).getBytes(StandardCharsets.UTF_8));
        byte[] config = """
                {"architecture":"amd64","os":"linux","config":{"Labels":{"org.opencontainers.image.version":"%s"}},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(version, sha256(("ringmaster test layer " + version).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        upload(repository, config);
        upload(repository, layer);
        byte[] manifest = """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}"""
                .formatted(OCI_MANIFEST, sha256(config), config.length, sha256(layer), layer.length).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        check(put, 201);
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /** What a tag points at, read straight from the registry (not through the code under test). */
    public Optional<String> digest(String repository, String tag) throws Exception {
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Accept", OCI_MANIFEST).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return head.statusCode() == 404 ? Optional.empty() : head.headers().firstValue("Docker-Content-Digest");
    }

    /** Monolithic upload: POST opens an upload session, PUT to its Location with the digest closes it. */
    private void upload(String repository, byte[] blob) throws Exception {
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        check(open, 202);
        URI location = uri("/").resolve(open.headers().firstValue("Location").orElseThrow());
        String sep = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> close = http.send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + sha256(blob)))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(close, 201);
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/v2/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("docker-registry did not answer GET /v2/ on " + host() + ": "
                        + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(50);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    private static void check(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " → " + r.statusCode() + " " + r.body());
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

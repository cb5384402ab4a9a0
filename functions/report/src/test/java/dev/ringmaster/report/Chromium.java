package dev.ringmaster.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium from the Debian package {@code chromium}, which the setup step (.ci/setup) installs. A test
 * installs nothing: where the browser is absent the caller skips, naming the package.
 */
public final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    /** What a skipped browser test says. */
    public static final String ABSENT = "headless Chromium is not installed: run .ci/setup (Debian package chromium)";
    /** Everything a test run does not want from a browser: sandboxing (root), a GPU, and any network of its own. */
    private static final List<String> QUIET_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private Chromium() {
    }

    /** Whether the browser is there to run. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Runs Chromium on {@code args} with a fresh profile, killed after {@code limit} whatever happens.
     *
     * @return what it printed on standard output (--dump-dom prints the DOM there)
     */
    public static String run(List<String> args, Path workDir, String name, Duration limit) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory("ringmaster-chromium-");
        Path stdout = workDir.resolve(name + ".out");
        Path stderr = workDir.resolve(name + ".err");
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(QUIET_FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("chromium did not finish within " + limit + "; see " + stderr);
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            destroy(process);
            deleteTree(profile);
        }
    }

    /** Its renderer and GPU helpers first: killing only the browser process can leave them running. */
    private static void destroy(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final Duration PAGE_LIMIT = Duration.ofSeconds(60);
    private static final java.util.regex.Pattern BODY = java.util.regex.Pattern.compile("<body([^>]*)>");

    /** Opens a report, lets its script run, and checks it drew {@code charts} charts, one canvas each, without an error. */
    public static void assertChartsRendered(Path report, Path dir, int charts) throws IOException, InterruptedException {
        String dom = run(List.of("--virtual-time-budget=10000", "--dump-dom", report.toUri().toString()), dir, "dump-dom", PAGE_LIMIT);
        java.util.regex.Matcher body = BODY.matcher(dom);
        org.junit.jupiter.api.Assertions.assertTrue(body.find(), "chromium printed a DOM with a body; see " + dir.resolve("dump-dom.err"));
        String attributes = body.group(1);
        org.junit.jupiter.api.Assertions.assertFalse(attributes.contains("data-chart-error"), "a chart failed: " + attributes);
        org.junit.jupiter.api.Assertions.assertTrue(attributes.contains("data-charts-rendered=\"" + charts + "\""),
                "expected " + charts + " charts: " + attributes);
        org.junit.jupiter.api.Assertions.assertEquals(charts, dom.split("<canvas", -1).length - 1, "one canvas per chart");
    }

    /** Takes a screenshot of a report for a person to look at, and checks it is more than a blank image. */
    public static void assertScreenshot(Path report, Path png, String windowSize) throws IOException, InterruptedException {
        Path dir = png.getParent();
        Files.deleteIfExists(png);
        run(List.of("--virtual-time-budget=10000", "--hide-scrollbars", "--window-size=" + windowSize, "--screenshot=" + png,
                report.toUri().toString()), dir, "screenshot", PAGE_LIMIT);
        org.junit.jupiter.api.Assertions.assertTrue(Files.exists(png), "chromium wrote a screenshot; see " + dir.resolve("screenshot.err"));
        org.junit.jupiter.api.Assertions.assertTrue(Files.size(png) > 50_000, "a drawn page is more than a blank image: " + Files.size(png) + " bytes");
    }
}

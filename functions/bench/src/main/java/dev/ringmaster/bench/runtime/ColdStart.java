package dev.ringmaster.bench.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * JVM start to first handled event: a function's JVM package is started as a process, with AWS_LAMBDA_RUNTIME_API at a
 * {@link RuntimeApiStandIn} that hands it an events/ sample, and timed from just before the process starts to when
 * its response (or error) arrives; then its peak RSS (VmHWM) is read and it is stopped. evaluate-gates is handed
 * more ticks after the first, as a container serves a rollout's schedule: their median handler time and their log
 * output per tick are the warm tick's.
 */
public final class ColdStart {
    /** The flags of Lambda's java21 runtime that matter for start: C1 only, the serial collector, class data sharing. */
    public static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ringmaster-";

    /** A function and the events/ sample it is handed. */
    public record Function(String name, String event) {
    }

    public static final List<Function> FUNCTIONS = List.of(new Function("evaluate-gates", "tick.json"),
            new Function("advance-phase", "decision-advance.json"), new Function("pause-store-rollout", "decision-halt.json"),
            new Function("notify-channel", "decision-hold.json"), new Function("operate", "operate-status.json"),
            new Function("ingest-webhook", "ingest-webhook-generic-sev1.json"));

    /**
     * One launch. {@code warmTickMs} (the median after the first event) and {@code logBytesPerTick} are NaN and -1 for
     * a function handed one event.
     *
     * @param answer the response's body, or the error's
     */
    public record Launch(double firstEventMs, long peakRssKb, boolean error, String answer, double warmTickMs, long logBytesPerTick) {
    }

    /** A row of the table: the median of its launches, or why it was skipped. */
    public record Row(String function, String variant, String skipped, List<Launch> launches) {
        public double median(java.util.function.ToDoubleFunction<Launch> f) {
            return SteadyState.quantile(launches.stream().mapToDouble(f).toArray(), 0.5);
        }
    }

    private ColdStart() {
    }

    /**
     * The Quarkus JVM package `mvn package` builds with the Lambda extension: target/ringmaster-NAME-VERSION-runner.jar
     * and its lib/ (what target/function.zip holds), not a quarkus-app/ folder.
     */
    public static Optional<Path> quarkusJar(Path root, String function) {
        Path target = root.resolve("functions").resolve(function).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ringmaster-" + function) && p.toString().endsWith("-runner.jar"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String buildCommand(String function) {
        return "mvn -o -q -pl functions/" + function + " -am package -DskipTests";
    }

    /**
     * The JVM package as Lambda's java21 runtime runs it: the runner jar (its manifest names lib/) on the class path with
     * {@link JavaRuntimeLoop}, which calls the handler infra Runtimes.JVM names. Quarkus starts its poll loop itself
     * only in a native build.
     */
    public static List<String> quarkusCommand(Path jar) {
        List<String> c = new ArrayList<>(List.of(java()));
        c.addAll(JVM_FLAGS);
        c.addAll(List.of("-cp", jar + File.pathSeparator + ownJar(), JavaRuntimeLoop.class.getName(), JavaRuntimeLoop.FUNQY_HANDLER));
        return c;
    }

    /** The plain-Java floor on this JVM's own class path (the CLI's lib/main, or the test's). */
    public static List<String> floorCommand() {
        List<String> c = new ArrayList<>(List.of(java()));
        c.addAll(JVM_FLAGS);
        c.addAll(List.of("-cp", floorClassPath(), FloorHandler.class.getName()));
        return c;
    }

    private static String floorClassPath() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.contains(File.pathSeparator)) {
            return cp;
        }
        // A Quarkus fast-jar runs from quarkus-run.jar alone: the dependencies are the jars beside this one.
        return ownJar().getParent().resolve("*").toString();
    }

    /** The bench module's jar (or classes folder) this class was loaded from. */
    private static Path ownJar() {
        try {
            return Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the bench module's jar to launch a function with: " + e.getMessage(), e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Launches {@code command} {@code launches} times, each handed {@code events}. */
    public static List<Launch> measure(String function, List<String> command, Map<String, String> env, List<String> events, int launches,
                                       Path logDir) throws IOException, InterruptedException {
        List<Launch> out = new ArrayList<>();
        Files.createDirectories(logDir);
        for (int i = 0; i < launches; i++) {
            out.add(launch(function, command, env, events, logDir.resolve(function + "-" + i + ".log")));
        }
        return out;
    }

    static Launch launch(String function, List<String> command, Map<String, String> env, List<String> events, Path log)
            throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        Files.createFile(log);
        List<Long> logSizes = new CopyOnWriteArrayList<>();
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(events, FUNCTION_ARN + function, () -> logSizes.add(size(log)))) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "ringmaster-" + function);
            long start = System.nanoTime();
            Process p = pb.start();
            try {
                List<RuntimeApiStandIn.Invocation> done = api.await(events.size(), TIMEOUT);
                // Wait for the next poll after the last answer, so the last tick's log lines are all written.
                waitFor(() -> logSizes.size() > events.size(), Duration.ofSeconds(5));
                long rss = peakRssKb(p.pid());
                if (done.isEmpty()) {
                    String why = api.initError().map(e -> "init error: " + e).orElse("no answer within " + TIMEOUT.toSeconds() + " s");
                    return new Launch(Double.NaN, rss, true, why + "; log: " + log, Double.NaN, -1);
                }
                RuntimeApiStandIn.Invocation first = done.get(0);
                int n = done.size();
                double warm = n > 1 ? SteadyState.quantile(done.subList(1, n).stream().mapToDouble(RuntimeApiStandIn.Invocation::handlerMillis)
                        .toArray(), 0.5) : Double.NaN;
                // logSizes[k] was taken as the function asked for event k + 1, i.e. once it had answered k events.
                long logBytes = n > 1 && logSizes.size() > n ? (logSizes.get(n) - logSizes.get(1)) / (n - 1) : -1;
                return new Launch((first.answeredNanos() - start) / 1e6, rss, first.error(), first.body(), warm, logBytes);
            } finally {
                p.destroy();
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** VmHWM of /proc/PID/status in kB: the most memory the process ever had resident. -1 where /proc has none. */
    static long peakRssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(Arrays.stream(l.split("\\s+")).filter(s -> s.matches("\\d+")).findFirst().orElse("-1")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}

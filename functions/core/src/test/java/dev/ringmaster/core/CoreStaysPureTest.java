package dev.ringmaster.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core is the domain: no AWS, Quarkus, Jakarta or framework imports, and no clock of its own (the
 * enforcer rule in the pom guards dependencies; this guards the sources).
 */
class CoreStaysPureTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.quarkus|io\\.quarkiverse|software\\.amazon|com\\.amazonaws|jakarta\\.|javax\\.inject|com\\.fasterxml)");
    private static final Pattern CLOCK = Pattern.compile("Instant\\.now\\(|System\\.currentTimeMillis\\(|LocalDateTime\\.now\\(|Clock\\.system");

    @Test
    void coreImportsNoFrameworkAndReadsNoClock() throws IOException {
        Path main = RepoFiles.root().resolve("functions/core/src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offences = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> FORBIDDEN.matcher(l).find() || CLOCK.matcher(l).find())
                            .map(l -> main.relativize(f) + ": " + l.trim());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), offences);
        }
    }
}

package dev.ringmaster.adapters.slack;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rendered messages compared with the reviewed files under src/test/resources/snapshots/; {@code -Dsnapshots.update=true}
 * writes them anew (then review the diff before committing).
 */
public final class Snapshots {
    public static final boolean UPDATE = Boolean.getBoolean("snapshots.update");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Snapshots() {
    }

    public static Path file(String channel, String kind) {
        return SeedMessages.root().resolve("functions/adapters/src/test/resources/snapshots").resolve(channel).resolve(kind + ".json");
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertMatches(String channel, String kind, JsonNode actual) {
        Path file = file(channel, kind);
        try {
            if (UPDATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, pretty(actual), StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no snapshot " + file + ": write it with -Dsnapshots.update=true and review it");
            }
            JsonNode expected = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!expected.equals(actual)) {
                fail("the " + channel + " rendering of '" + kind + "' differs from " + file + ".\nIf the change is meant, regenerate with\n"
                        + "  mvn -o -q -pl functions/core,functions/adapters test -Dtest='SlackBlocksTest,TeamsCardsTest' "
                        + "-Dsnapshots.update=true\nand review the diff.\nExpected:\n" + pretty(expected) + "Actual:\n" + pretty(actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

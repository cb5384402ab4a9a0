package dev.ringmaster.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.bench.TargetCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the bench commands' {@code --json} files share: an indented document, and the targets with their verdicts. */
final class BenchJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    static ObjectNode document() {
        return MAPPER.createObjectNode();
    }

    /** Each target as {name, goal, figure, met} under {@code field}. */
    static void checks(ObjectNode root, String field, List<TargetCheck> checks) {
        ArrayNode out = root.putArray(field);
        for (TargetCheck c : checks) {
            ObjectNode n = out.addObject();
            n.put("name", c.name());
            n.put("goal", c.goal());
            n.put("figure", c.figure());
            n.put("met", c.met());
        }
    }

    static void write(ObjectNode root, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, MAPPER.writeValueAsString(root) + "\n");
    }
}

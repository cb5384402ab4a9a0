package dev.ringmaster.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository that tests read: sample plans and docs. */
public final class RepoFiles {
    private RepoFiles() {
    }

    public static Path root() {
        String root = System.getProperty("ringmaster.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events/plans"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (events/plans) from " + root);
        }
        return p;
    }

    public static List<Path> yaml(String dir) {
        try (Stream<Path> s = Files.list(root().resolve(dir))) {
            return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

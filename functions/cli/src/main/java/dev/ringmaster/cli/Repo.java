package dev.ringmaster.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the CLI runs from (the launcher runs it from anywhere): where events/ lives. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("ringmaster.root");
        Path p = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events/plans"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("run from the ringmaster repository (no events/plans above " + Path.of("").toAbsolutePath() + ")");
        }
        return p;
    }
}

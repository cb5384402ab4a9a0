package dev.ringmaster.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of repository files, found from the build's root whatever the working directory. */
final class Repo {
    private Repo() {
    }

    static String path(String relative) {
        String root = System.getProperty("ringmaster.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("events/plans"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found from " + root);
        }
        return p.resolve(relative).toString();
    }
}

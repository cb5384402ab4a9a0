package dev.ringmaster.bench.runtime;

import java.nio.file.Path;

/** The repository root the build passes as ringmaster.root (the bench module's surefire configuration). */
final class RepoRoot {
    private RepoRoot() {
    }

    static Path path() {
        return Path.of(System.getProperty("ringmaster.root", "../.."));
    }
}

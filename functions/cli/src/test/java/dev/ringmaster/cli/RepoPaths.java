package dev.ringmaster.cli;

/** Repository files for tests, found the way the CLI finds them. */
final class RepoPaths {
    private RepoPaths() {
    }

    static String path(String relative) {
        return Repo.root().resolve(relative).toString();
    }
}

package dev.ringmaster.adapters.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code env:} and {@code file:} references, for the CLI and tests; cloud references go to {@code next}. */
public final class LocalSecrets implements Secrets {
    private final Map<String, String> env;
    private final Secrets next;

    public LocalSecrets(Map<String, String> env, Secrets next) {
        this.env = env;
        this.next = next;
    }

    public static LocalSecrets fromEnvironment(Secrets next) {
        return new LocalSecrets(System.getenv(), next);
    }

    @Override
    public String resolve(String reference) {
        if (reference.startsWith("env:")) {
            String v = env.get(reference.substring(4));
            if (v == null || v.isEmpty()) {
                throw new Unresolved(reference, "the environment variable is not set");
            }
            return v;
        }
        if (reference.startsWith("file:")) {
            try {
                return Files.readString(Path.of(reference.substring(5)), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new Unresolved(reference, e.getClass().getSimpleName());
            }
        }
        if (next == null) {
            throw new Unresolved(reference, "only env: and file: references can be read here");
        }
        return next.resolve(reference);
    }
}

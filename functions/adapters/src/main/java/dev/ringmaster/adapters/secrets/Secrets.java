package dev.ringmaster.adapters.secrets;

/**
 * Resolves a credential reference to its value: {@code env:NAME}, {@code file:PATH}, {@code ssm:/param/name} or
 * {@code secretsmanager:name-or-arn}. Values are never logged, never written to history, messages or reports; an
 * error names the reference, never the value.
 */
@FunctionalInterface
public interface Secrets {

    String resolve(String reference);

    /** Whether a text is a reference this project understands (plans carry references, never secrets). */
    static boolean isReference(String text) {
        return text != null && (text.startsWith("env:") || text.startsWith("file:") || text.startsWith("ssm:/")
                || text.startsWith("secretsmanager:"));
    }

    final class Unresolved extends RuntimeException {
        public Unresolved(String reference, String why) {
            super("cannot read secret " + reference + ": " + why);
        }
    }
}

package dev.ringmaster.adapters.flags;

import dev.ringmaster.core.port.RolloutTarget;

/**
 * Where one flag document lives: read with a version token, written only if the token still holds. Every
 * change goes through {@link #update}, which re-reads and re-applies after a lost race, so two writers never
 * overwrite each other's flags.
 */
interface FlagDocumentStore {

    /** The document now, with the store's version token (null when there is no document yet). */
    Snapshot read();

    /** Writes {@code read}'s (changed) document if nobody wrote since it was read; false when somebody did. */
    boolean write(Snapshot read);

    /** The document already holds the change: nothing to write, but the store may have to make it live. */
    default void unchanged(Snapshot read) {
    }

    /** The store's address, for messages: {@code s3://flags/app.json}. */
    String describe();

    /**
     * Applies {@code change} to the latest document and writes it, at most {@code attempts} times when other
     * writers keep winning the race; then {@link RolloutTarget.Unavailable}, for the chain to try again later.
     */
    default Snapshot update(FlagChange change, int attempts) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Snapshot read = read();
            if (!change.applyTo(read.document())) {
                unchanged(read);
                return read;
            }
            if (write(read)) {
                return read;
            }
        }
        throw new RolloutTarget.Unavailable(describe() + ": other writers changed the flag document " + attempts
                + " times while this change was applied; not written");
    }

    /** A change to a document; true when it changed anything. Re-applied to a fresh read after a lost race. */
    @FunctionalInterface
    interface FlagChange {
        boolean applyTo(FlagDocument document);
    }

    /**
     * A read document and its version token (a content hash, an S3 ETag, an AppConfig version); {@code note}
     * says what else the store knows about it (an AppConfig deployment), or is empty.
     */
    record Snapshot(FlagDocument document, Object version, String note) {
    }
}

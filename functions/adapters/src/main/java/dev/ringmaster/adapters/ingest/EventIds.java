package dev.ringmaster.adapters.ingest;

import java.util.regex.Pattern;

/** A sender's event id becomes part of the store's claim key: printable, one line, bounded. */
final class EventIds {
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private EventIds() {
    }

    static String check(String id, String where) {
        if (!ID.matcher(id).matches()) {
            throw new Refusal(400, where + ": " + Fields.shown(id) + " is not an event id (1 to 200 printable ASCII characters, no spaces)");
        }
        return id;
    }
}

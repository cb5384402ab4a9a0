package dev.ringmaster.adapters.ingest;

/**
 * A delivery refused before anything was recorded: its status and the one line that says why. Thrown from deep in a
 * parser so each field check stays one line; cheap (no stack trace), since forged and malformed deliveries are the
 * common case an attacker can make as frequent as they like.
 */
final class Refusal extends RuntimeException {
    final int status;

    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static Refusal unauthorized(String why) {
        return new Refusal(401, why);
    }

    /** 400 naming the field and its value: "field `alerts[2].labels.severity`: `pager` is not …". */
    static Refusal field(String path, String shownValue, String why) {
        return new Refusal(400, "field `" + path + "`: " + (shownValue == null ? "" : shownValue + " ") + why);
    }

    static Refusal missing(String path) {
        return new Refusal(400, "field `" + path + "`: missing");
    }
}

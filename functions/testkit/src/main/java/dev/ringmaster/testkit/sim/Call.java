package dev.ringmaster.testkit.sim;

import java.time.Instant;

/**
 * One call a simulated system received, as tests and simulation reports show it.
 *
 * @param operation the port method ("enter", "halt", …) or, for calls that stand for something else, what
 *                  they stand for ("edits.tracks.update", "console: halt")
 * @param detail    what the call asked for and, when accepted, what the system did
 * @param refusal   the system's reason when {@code refused}, otherwise null
 */
public record Call(Instant at, String operation, String detail, boolean refused, String refusal) {
}

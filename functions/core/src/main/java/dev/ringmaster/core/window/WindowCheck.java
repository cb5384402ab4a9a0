package dev.ringmaster.core.window;

import java.time.Instant;

/**
 * The answer to "may we deploy at this instant?". {@code nextAllowed} is the instant itself when allowed, the
 * earliest later allowed instant otherwise, and null when none lies within the search horizon; {@code reason} says
 * which and why, in words for people.
 */
public record WindowCheck(boolean allowed, Instant nextAllowed, String reason) {
}

package dev.ringmaster.testkit.sim;

import java.time.Instant;

/** A message the recording notifier was asked to send, with the channel it was meant for. */
public record SentMessage(Instant at, String channel, String rolloutId, String event, String title, String text) {
}

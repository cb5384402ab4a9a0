package dev.ringmaster.testkit.sim;

import java.time.Instant;

/**
 * A version's App Review as the simulator tracks it.
 *
 * @param state        WAITING_FOR_REVIEW, APPROVED, READY_FOR_SALE, or READY_FOR_REVIEW after a cancel
 * @param submittedAt  when it last went to review: the review time counts from here
 */
public record ReviewSubmission(String state, Instant submittedAt) {
}

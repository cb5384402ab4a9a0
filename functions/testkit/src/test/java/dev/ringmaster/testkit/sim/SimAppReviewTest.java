package dev.ringmaster.testkit.sim;

import dev.ringmaster.testkit.VirtualClock;
import static dev.ringmaster.testkit.sim.Fixtures.APP_REVIEW;
import static dev.ringmaster.testkit.sim.Fixtures.T0;
import static dev.ringmaster.testkit.sim.Fixtures.percent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimAppReviewTest {
    private final VirtualClock clock = new VirtualClock(T0);
    private final SimAppReview review = new SimAppReview(clock, Duration.ofHours(24));

    @Test
    void appReviewApprovesAfterTheReviewTime() {
        review.enter(APP_REVIEW, percent(100), "2.1.0");
        clock.advance(Duration.ofHours(23));
        assertEquals("WAITING_FOR_REVIEW", review.observe(APP_REVIEW, "2.1.0").status());

        clock.advance(Duration.ofHours(1));
        assertEquals("APPROVED", review.observe(APP_REVIEW, "2.1.0").status());
        assertEquals("READY_FOR_SALE", review.complete(APP_REVIEW, "2.1.0").status());
    }

    @Test
    void appReviewSecondSubmissionWhileWaitingIsTheSameSubmission() {
        review.enter(APP_REVIEW, percent(100), "2.1.0");
        clock.advance(Duration.ofHours(12));
        review.enter(APP_REVIEW, percent(100), "2.1.0");

        assertEquals(T0, review.submission("1234567890", "2.1.0").orElseThrow().submittedAt(), "the review time is not restarted");
    }

    @Test
    void appReviewHaltCancelsAWaitingSubmission() {
        review.enter(APP_REVIEW, percent(100), "2.1.0");

        assertEquals("READY_FOR_REVIEW", review.halt(APP_REVIEW, percent(100), "2.1.0").status());
        clock.advance(Duration.ofDays(2));
        assertEquals("READY_FOR_REVIEW", review.observe(APP_REVIEW, "2.1.0").status(), "a canceled submission is never approved");
    }

    @Test
    void appReviewApprovedVersionCannotBeCanceled() {
        review.enter(APP_REVIEW, percent(100), "2.1.0");
        clock.advance(Duration.ofDays(1));

        Refused e = assertThrows(Refused.class, () -> review.rollback(APP_REVIEW, percent(100), "2.1.0"));

        assertEquals("the review submission is already COMPLETE (APPROVED): it cannot be canceled", e.getMessage());
    }

    @Test
    void appReviewReleasingAVersionStillInReviewIsRefused() {
        review.enter(APP_REVIEW, percent(100), "2.1.0");

        assertThrows(Refused.class, () -> review.complete(APP_REVIEW, "2.1.0"));
    }
}

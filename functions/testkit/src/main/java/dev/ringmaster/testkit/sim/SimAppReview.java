package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * App Review (REFERENCE-targets §2, review submissions): entering submits the version, which App Review
 * approves (or, when told to, rejects) after a fixed review time of virtual time; completing releases an
 * approved version. A version waiting for review can be canceled; an approved one cannot be taken back. As a
 * metric source ({@code app-review}) it answers the review's verdict: PASS approved, FAIL rejected, nothing
 * while it waits.
 */
public final class SimAppReview implements RolloutTarget, MetricSource {
    static final String WAITING = "WAITING_FOR_REVIEW";
    static final String APPROVED = "APPROVED";
    static final String REJECTED = "REJECTED";
    static final String READY_FOR_SALE = "READY_FOR_SALE";
    static final String READY_FOR_REVIEW = "READY_FOR_REVIEW";

    private final CallLog log;
    private final Duration reviewTime;
    private final Map<String, ReviewSubmission> submissions = new HashMap<>();
    private boolean approves = true;

    public SimAppReview(Clock clock, Duration reviewTime) {
        this.log = new CallLog(clock);
        this.reviewTime = reviewTime;
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        ReviewSubmission s = settled(target);
        // a second submission while one waits, or after approval, is the same submission
        if (s == null || s.state().equals(READY_FOR_REVIEW) || s.state().equals(REJECTED)) {
            s = new ReviewSubmission(WAITING, log.now());
            submissions.put(key(target), s);
        }
        return accepted("enter", target, s, "");
    }

    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        return cancel("halt", target);
    }

    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        return cancel("rollback", target);
    }

    @Override
    public synchronized TargetState complete(Target target, String version) {
        ReviewSubmission s = settled(target);
        if (s == null || !s.state().equals(APPROVED) && !s.state().equals(READY_FOR_SALE)) {
            throw log.refuse("complete", where(target), "the version is " + (s == null ? "not submitted" : s.state())
                    + ": only a version App Review approved can be released");
        }
        s = new ReviewSubmission(READY_FOR_SALE, s.submittedAt());
        submissions.put(key(target), s);
        return accepted("complete", target, s, "");
    }

    /** The tick's check of the live phase reads; it is not a call to log. */
    @Override
    public synchronized TargetState hold(Target target, Phase phase, String version) {
        return log.quietly(() -> observe(target, version));
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        ReviewSubmission s = settled(target);
        if (s == null) {
            log.accepted("observe", where(target) + ": not submitted");
            return new TargetState("NOT_SUBMITTED", Double.NaN, "not submitted for review");
        }
        return accepted("observe", target, s, "");
    }

    /** Whether App Review approves what is submitted from now on (a scenario's {@code app_review: {canary: fail}} rejects). */
    public synchronized void approves(boolean verdict) {
        this.approves = verdict;
    }

    @Override
    public synchronized List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        ReviewSubmission s = submissions.containsKey(metric.query().get("appId") + "\n" + metric.query().get("versionString"))
                ? settled(metric.query().get("appId") + "\n" + metric.query().get("versionString")) : null;
        if (s == null || s.state().equals(WAITING) || s.state().equals(READY_FOR_REVIEW)) {
            return List.of();
        }
        return List.of(new Sample(to, new Measure.Check(!s.state().equals(REJECTED), s.submittedAt().plus(reviewTime)), null));
    }

    public synchronized Optional<ReviewSubmission> submission(String appId, String versionString) {
        return Optional.ofNullable(submissions.get(appId + "\n" + versionString));
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private TargetState cancel(String operation, Target target) {
        ReviewSubmission s = settled(target);
        if (s == null || s.state().equals(READY_FOR_REVIEW) || s.state().equals(REJECTED)) {
            log.accepted(operation, where(target) + ": nothing waiting for review");
            return new TargetState(s == null ? "NOT_SUBMITTED" : s.state(), Double.NaN, "nothing waiting for review");
        }
        if (!s.state().equals(WAITING)) {
            throw log.refuse(operation, where(target), "the review submission is already COMPLETE (" + s.state() + "): it cannot be canceled");
        }
        s = new ReviewSubmission(READY_FOR_REVIEW, s.submittedAt());
        submissions.put(key(target), s);
        return accepted(operation, target, s, "submission canceled");
    }

    /** The submission as it stands now: App Review decides once the review time has passed. */
    private ReviewSubmission settled(Target target) {
        return settled(key(target));
    }

    private ReviewSubmission settled(String key) {
        ReviewSubmission s = submissions.get(key);
        if (s != null && s.state().equals(WAITING) && !log.now().isBefore(s.submittedAt().plus(reviewTime))) {
            s = new ReviewSubmission(approves ? APPROVED : REJECTED, s.submittedAt());
            submissions.put(key, s);
        }
        return s;
    }

    private TargetState accepted(String operation, Target target, ReviewSubmission s, String detail) {
        String d = detail.isEmpty() ? "submitted " + s.submittedAt() : detail;
        log.accepted(operation, where(target) + " " + s.state() + ": " + d);
        return new TargetState(s.state(), s.state().equals(READY_FOR_SALE) ? 100 : Double.NaN, d);
    }

    private static String where(Target target) {
        return target.key("appId") + " " + target.key("versionString");
    }

    private static String key(Target target) {
        return target.key("appId") + "\n" + target.key("versionString");
    }
}

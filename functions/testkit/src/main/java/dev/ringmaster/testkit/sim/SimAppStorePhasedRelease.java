package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * App Store phased releases (REFERENCE-targets §2), one per (appId, versionString). Apple, not ringmaster,
 * sets the percentage: 1, 2, 5, 10, 20, 50, 100 % on days 1–7 of ACTIVE time. Ringmaster can only start,
 * pause, resume or complete it, so it holds a phase's audience by pausing before Apple's next step.
 *
 * <p>How the chain drives it: after {@code enter} (which starts or resumes), the tick's target check calls
 * {@link #hold}, that is {@link #pauseIfBeyond} with the current phase's percent, ticks being shorter than a day.
 * That pauses the release as soon as its next day would pass the phase's audience, so the audience stays
 * at the phase's step while the phase soaks. {@link #nextScheduleStep} says when Apple's next step falls,
 * for a simulator that wants a tick there rather than at a fixed rate.
 */
public final class SimAppStorePhasedRelease implements RolloutTarget {
    static final String COMPLETE_ALREADY = "the phased release is already COMPLETE";
    static final String PAUSES_USED = "phased release pauses are limited to 30 days in total";
    static final String NO_WITHDRAWAL = "iOS has no rollback: the phased release is paused, users who have the version keep it; ship a hotfix";

    private final CallLog log;
    private final Map<String, PhasedRelease> releases = new HashMap<>();

    public SimAppStorePhasedRelease(Clock clock) {
        this.log = new CallLog(clock);
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        Instant now = log.now();
        String asked = where(target) + " " + phase.audience();
        PhasedRelease r = releases.computeIfAbsent(key(target), k -> new PhasedRelease());
        r.settle(now);
        if (r.state() == PhasedReleaseState.COMPLETE) {
            // entering a 100 % phase of a release Apple already completed leaves it as it is
            if (phase.percent() != null && phase.percent() >= 100) {
                return accepted("enter", target, r, now, "");
            }
            throw log.refuse("enter", asked, COMPLETE_ALREADY);
        }
        r.activate(now);
        return accepted("enter", target, r, now, "");
    }

    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        return pause("halt", target, "");
    }

    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        return pause("rollback", target, NO_WITHDRAWAL);
    }

    @Override
    public synchronized TargetState complete(Target target, String version) {
        Instant now = log.now();
        PhasedRelease r = releases.computeIfAbsent(key(target), k -> new PhasedRelease());
        r.settle(now);
        r.complete(now);
        return accepted("complete", target, r, now, "");
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        Instant now = log.now();
        PhasedRelease r = releases.get(key(target));
        if (r == null) {
            log.accepted("observe", where(target) + ": no phased release");
            return new TargetState("NONE", 0, "no phased release for " + where(target));
        }
        r.settle(now);
        return accepted("observe", target, r, now, "");
    }

    /** Apple's schedule moves by itself: pause it where it would pass the phase's audience (CONTRACTS.md §1.2). */
    @Override
    public TargetState hold(Target target, Phase phase, String version) {
        return phase.percent() == null ? observe(target, version) : pauseIfBeyond(target, phase.percent());
    }

    /**
     * Pauses an ACTIVE release when Apple's next day would take it past {@code percent}, the audience of the
     * phase ringmaster is in; otherwise changes nothing. A release already past {@code percent} (a tick
     * arrived after Apple's step) is paused too, and the state says how far it got.
     */
    public synchronized TargetState pauseIfBeyond(Target target, double percent) {
        Instant now = log.now();
        PhasedRelease r = releases.get(key(target));
        if (r == null) {
            throw log.refuse("pauseIfBeyond", where(target) + " " + Numbers.plain(percent) + "%", "NOT_FOUND: no phased release for " + where(target));
        }
        r.settle(now);
        if (r.state() != PhasedReleaseState.ACTIVE || r.percentNextDay(now) <= percent) {
            return accepted("pauseIfBeyond", target, r, now, "within " + Numbers.plain(percent) + "%");
        }
        return pause("pauseIfBeyond", target, "next day would reach " + r.percentNextDay(now) + "%, beyond " + Numbers.plain(percent) + "%");
    }

    /** When Apple next raises the percentage of an ACTIVE release; empty when nothing will change by itself. */
    public synchronized Optional<Instant> nextScheduleStep(Target target) {
        Instant now = log.now();
        PhasedRelease r = releases.get(key(target));
        if (r == null) {
            return Optional.empty();
        }
        r.settle(now);
        return r.state() == PhasedReleaseState.ACTIVE ? Optional.of(r.nextDayAt(now)) : Optional.empty();
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private TargetState pause(String operation, Target target, String detail) {
        Instant now = log.now();
        PhasedRelease r = releases.get(key(target));
        if (r == null) {
            throw log.refuse(operation, where(target), "NOT_FOUND: no phased release for " + where(target));
        }
        r.settle(now);
        switch (r.state()) {
            case COMPLETE -> throw log.refuse(operation, where(target), COMPLETE_ALREADY);
            case ACTIVE -> {
                if (r.pausesUsedUp()) {
                    throw log.refuse(operation, where(target), PAUSES_USED);
                }
                r.pause(now);
            }
            default -> {
                // already PAUSED: pausing again is the same request
            }
        }
        return accepted(operation, target, r, now, detail);
    }

    private TargetState accepted(String operation, Target target, PhasedRelease r, Instant now, String detail) {
        String d = detail.isEmpty() ? r.describe(now) : detail + " (" + r.describe(now) + ")";
        log.accepted(operation, where(target) + " " + r.state() + ": " + d);
        return new TargetState(r.state().name(), r.percent(now), d);
    }

    private static String where(Target target) {
        return target.key("appId") + " " + target.key("versionString");
    }

    private static String key(Target target) {
        return target.key("appId") + "\n" + target.key("versionString");
    }
}

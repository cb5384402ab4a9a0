package dev.ringmaster.testkit.sim;

import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.ByHand;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google Play tracks (REFERENCE-targets §1): one release per (packageName, track), staged by
 * {@code userFraction}. Refuses what the Publishing API refuses: a fraction outside (0, 1) on a staged
 * release, a fraction on a release that is not staged, and a staged rollout that would shrink.
 */
public final class SimPlayTrack implements RolloutTarget {
    static final String DRAFT = "draft";
    static final String IN_PROGRESS = "inProgress";
    static final String HALTED = "halted";
    static final String COMPLETED = "completed";
    static final String NO_WITHDRAWAL = "Play cannot withdraw a release: halted; ship a higher versionCode";

    private final CallLog log;
    private final Map<String, PlayRelease> releases = new HashMap<>();

    public SimPlayTrack(Clock clock) {
        this.log = new CallLog(clock);
    }

    @Override
    public synchronized TargetState enter(Target target, Phase phase, String version) {
        if (phase.percent() == null) {
            throw log.refuse("enter", where(target) + " " + phase.audience(), "a google-play phase needs a percentage audience");
        }
        double p = phase.percent();
        // 100 % is a completed release: Play takes no fraction of 1
        return p >= 100
                ? put("enter", target, new PlayRelease(target.list("versionCodes"), COMPLETED, null), "")
                : put("enter", target, new PlayRelease(target.list("versionCodes"), IN_PROGRESS, p / 100), "");
    }

    @Override
    public synchronized TargetState halt(Target target, Phase phase, String version) {
        return halted("halt", target, "");
    }

    @Override
    public synchronized TargetState rollback(Target target, Phase phase, String version) {
        return halted("rollback", target, NO_WITHDRAWAL);
    }

    @Override
    public synchronized TargetState complete(Target target, String version) {
        return put("complete", target, new PlayRelease(target.list("versionCodes"), COMPLETED, null), "");
    }

    @Override
    public synchronized TargetState observe(Target target, String version) {
        PlayRelease r = releases.get(key(target.key("packageName"), target.key("track")));
        TargetState state = r == null || !r.versionCodes().equals(target.list("versionCodes"))
                ? new TargetState("none", 0, "no release of " + target.list("versionCodes") + " on the track")
                : state(r, "");
        log.accepted("observe", where(target) + ": " + state.status() + " " + Numbers.plain(state.percent()) + "%");
        return state;
    }

    /**
     * Play's track moves only by hand: what it shows against the live phase is a change a person made. Not logged
     * as a call: it reads, every tick.
     */
    @Override
    public synchronized TargetState hold(Target target, Phase phase, String version) {
        PlayRelease r = releases.get(key(target.key("packageName"), target.key("track")));
        boolean ours = r != null && r.versionCodes().equals(target.list("versionCodes"));
        if (phase.percent() != null) {
            ByHand.play(ours ? r.status() : null, ours ? r.userFraction() : null, phase.percent()).ifPresent(change -> {
                throw new ChangedByHand(change);
            });
        }
        return ours ? state(r, "") : new TargetState("none", 0, "no release of " + target.list("versionCodes") + " on the track");
    }

    /** The Publishing API's track update (insert edit, tracks.update, commit) with Play's own checks. */
    public synchronized TargetState updateTrack(String packageName, String track, List<String> versionCodes, String status,
                                                Double userFraction) {
        return put("edits.tracks.update", packageName, track, new PlayRelease(versionCodes, status, userFraction), "");
    }

    /** Someone halts the release in the Play Console: ringmaster only learns of it by observing. */
    public synchronized void haltByHand(String packageName, String track) {
        PlayRelease r = releases.get(key(packageName, track));
        String where = packageName + " " + track;
        if (r == null || !r.status().equals(IN_PROGRESS) && !r.status().equals(COMPLETED)) {
            throw log.refuse("console: halt", where, "only a release in progress or completed can be halted");
        }
        releases.put(key(packageName, track), new PlayRelease(r.versionCodes(), HALTED, r.userFraction()));
        log.accepted("console: halt", where + " " + r.versionCodes() + " halted");
    }

    public synchronized Optional<PlayRelease> release(String packageName, String track) {
        return Optional.ofNullable(releases.get(key(packageName, track)));
    }

    public synchronized List<Call> calls() {
        return log.calls();
    }

    private TargetState halted(String operation, Target target, String detail) {
        PlayRelease r = releases.get(key(target.key("packageName"), target.key("track")));
        if (r == null || !r.versionCodes().equals(target.list("versionCodes"))) {
            throw log.refuse(operation, where(target), "notFound: no release of " + target.list("versionCodes") + " on the track");
        }
        if (r.status().equals(DRAFT)) {
            throw log.refuse(operation, where(target), "only a release in progress or completed can be halted");
        }
        return put(operation, target, new PlayRelease(r.versionCodes(), HALTED, r.userFraction()), detail);
    }

    private TargetState put(String operation, Target target, PlayRelease next, String detail) {
        return put(operation, target.key("packageName"), target.key("track"), next, detail);
    }

    private TargetState put(String operation, String packageName, String track, PlayRelease next, String detail) {
        String asked = packageName + " " + track + " " + describe(next);
        refusal(releases.get(key(packageName, track)), next).ifPresent(reason -> {
            throw log.refuse(operation, asked, reason);
        });
        releases.put(key(packageName, track), next);
        log.accepted(operation, asked + (detail.isEmpty() ? "" : " (" + detail + ")"));
        return state(next, detail);
    }

    private static Optional<String> refusal(PlayRelease current, PlayRelease next) {
        if (next.versionCodes().isEmpty()) {
            return Optional.of("required: versionCodes");
        }
        if (!List.of(DRAFT, IN_PROGRESS, HALTED, COMPLETED).contains(next.status())) {
            return Optional.of("invalidValue: status " + next.status());
        }
        boolean staged = next.status().equals(IN_PROGRESS) || next.status().equals(HALTED);
        if (!staged && next.userFraction() != null) {
            return Optional.of("userFraction is only allowed for inProgress and halted releases");
        }
        // a halted release may have no fraction (a completed release halted): only inProgress needs one
        Double f = next.userFraction();
        if (staged && (f == null ? next.status().equals(IN_PROGRESS) : f <= 0 || f >= 1)) {
            return Optional.of("userFraction must be in (0, 1)");
        }
        if (current != null && current.versionCodes().equals(next.versionCodes()) && staged && next.reach() < current.reach()) {
            return Optional.of("userFraction " + Numbers.plain(next.reach()) + " is below the release's "
                    + Numbers.plain(current.reach()) + ": Play does not let a staged rollout shrink");
        }
        return Optional.empty();
    }

    private static TargetState state(PlayRelease r, String detail) {
        return new TargetState(r.status(), r.percent(), detail);
    }

    private static String describe(PlayRelease r) {
        return r.versionCodes() + " " + r.status() + (r.userFraction() == null ? "" : " userFraction " + Numbers.plain(r.userFraction()));
    }

    private static String where(Target target) {
        return target.key("packageName") + " " + target.key("track");
    }

    private static String key(String packageName, String track) {
        return packageName + "\n" + track;
    }
}

package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Clock;
import java.time.Instant;

/**
 * Target type {@code app-store} (CONTRACTS §1.2): an App Store version's phased release (REFERENCE-targets §2).
 * Apple, not ringmaster, sets the percentage (1, 2, 5, 10, 20, 50, 100 % on days 1–7), so a phase's audience is held
 * by pausing the release before Apple's next day passes it ({@link #hold}, every tick), and the next phase resumes it.
 * Every call reads the release first and changes only what differs, so a repeated tick changes nothing twice.
 */
public final class AppStorePhasedReleaseTarget implements RolloutTarget {
    static final String COMPLETE_ALREADY = "the phased release is already COMPLETE";
    static final String PAUSES_USED = "phased release pauses are limited to 30 days in total";
    /** The simulator's words (SimAppStorePhasedRelease.NO_WITHDRAWAL), so reports read the same. */
    static final String NO_WITHDRAWAL = "iOS has no rollback: the phased release is paused, users who have the version keep it; ship a hotfix";
    private static final String TYPE = "appStoreVersionPhasedReleases";

    private final AppStoreConnect api;
    private final Clock clock;

    /** @param clock reads how long the release has been paused, against Apple's 30-day limit */
    public AppStorePhasedReleaseTarget(AppStoreConnect api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        PhasedRelease r = v.phasedRelease() == null ? create(v) : PhasedRelease.of(v.phasedRelease());
        return switch (r.state()) {
            case PhasedRelease.COMPLETE -> {
                // entering a 100 % phase of a release Apple already completed leaves it as it is
                if (phase.percent() != null && phase.percent() >= 100) {
                    yield state(r, "");
                }
                throw new Refused(where(v) + " " + phase.audience() + ": " + COMPLETE_ALREADY);
            }
            case PhasedRelease.PAUSED -> state(set(r, PhasedRelease.ACTIVE), "resumed");
            case PhasedRelease.INACTIVE -> {
                if (v.waitsForDeveloperRelease()) {
                    v.release(api);
                    yield state(r, "version released: Apple starts the phased release at day 1 (1%)");
                }
                yield state(r, "starts when the " + v.describe() + " is released");
            }
            default -> state(r, "");
        };
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        return pause(target, "");
    }

    /** iOS cannot take a version back: the release is paused and the detail says so. */
    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        return pause(target, NO_WITHDRAWAL);
    }

    @Override
    public TargetState complete(Target target, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        if (v.phasedRelease() == null) {
            if ("READY_FOR_SALE".equals(v.appStoreState())) {
                return new TargetState(PhasedRelease.COMPLETE, 100, "released to everyone without a phased release (" + v.describe() + ")");
            }
            throw new Refused(where(v) + ": no phased release, and the " + v.describe() + " is not released");
        }
        PhasedRelease r = PhasedRelease.of(v.phasedRelease());
        return r.state().equals(PhasedRelease.COMPLETE) ? state(r, "") : state(set(r, PhasedRelease.COMPLETE), "released to everyone");
    }

    @Override
    public TargetState observe(Target target, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        if (v.phasedRelease() == null) {
            return new TargetState("NONE", 0, "no phased release for " + where(v) + " (" + v.describe() + ")");
        }
        return state(PhasedRelease.of(v.phasedRelease()), "");
    }

    /**
     * Pauses an ACTIVE release when Apple's next day would take it past the phase's audience (a release already past
     * it, a tick having come late, is paused too); resumes nothing. When the 30 days of pauses are used up it does not
     * pause, and says the audience will move on with Apple's schedule.
     */
    @Override
    public TargetState hold(Target target, Phase phase, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        if (v.phasedRelease() == null) {
            throw new Refused(where(v) + ": NOT_FOUND: no phased release");
        }
        PhasedRelease r = PhasedRelease.of(v.phasedRelease());
        if (phase.percent() == null) {
            return state(r, "");
        }
        String audience = Numbers.plain(phase.percent()) + "%";
        if (!r.state().equals(PhasedRelease.ACTIVE) || r.percentNextDay() <= phase.percent()) {
            return state(r, "within " + audience);
        }
        if (r.pausesUsedUp(clock.instant())) {
            return state(r, "the 30-day pause limit is reached: not paused; the audience moves on with Apple's schedule (next day "
                    + r.percentNextDay() + "%, beyond " + audience + ")");
        }
        return state(set(r, PhasedRelease.PAUSED), "next day would reach " + r.percentNextDay() + "%, beyond " + audience);
    }

    private TargetState pause(Target target, String detail) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        if (v.phasedRelease() == null) {
            throw new Refused(where(v) + ": NOT_FOUND: no phased release");
        }
        PhasedRelease r = PhasedRelease.of(v.phasedRelease());
        return switch (r.state()) {
            case PhasedRelease.COMPLETE -> throw new Refused(where(v) + ": " + COMPLETE_ALREADY);
            case PhasedRelease.ACTIVE -> {
                if (r.pausesUsedUp(clock.instant())) {
                    throw new Refused(where(v) + ": " + PAUSES_USED);
                }
                yield state(set(r, PhasedRelease.PAUSED), detail);
            }
            // PAUSED: pausing again is the same request; INACTIVE: not started, nobody gets it yet
            default -> state(r, detail);
        };
    }

    /** Creates the phased release INACTIVE (REFERENCE §2): it starts when the version is released. */
    private PhasedRelease create(AppStoreVersion v) {
        ObjectNode body = JsonApi.document(TYPE, null);
        JsonApi.attributes(body).put("phasedReleaseState", PhasedRelease.INACTIVE);
        JsonApi.relate(body, "appStoreVersion", "appStoreVersions", v.id());
        return PhasedRelease.of(api.post("/v1/" + TYPE, body).path("data"));
    }

    private PhasedRelease set(PhasedRelease r, String state) {
        ObjectNode body = JsonApi.document(TYPE, r.id());
        JsonApi.attributes(body).put("phasedReleaseState", state);
        JsonNode data = api.patch("/v1/" + TYPE + "/" + r.id(), body).path("data");
        return data.isObject() ? PhasedRelease.of(data)
                : new PhasedRelease(r.id(), state, r.currentDayNumber(), r.startDate(), r.totalPauseDays());
    }

    private TargetState state(PhasedRelease r, String detail) {
        Instant now = clock.instant();
        return new TargetState(r.state(), r.percent(), detail.isEmpty() ? r.describe(now) : detail + " (" + r.describe(now) + ")");
    }

    private static String where(AppStoreVersion v) {
        return "phased release of app " + v.appId() + " " + v.platform() + " " + v.versionString();
    }
}

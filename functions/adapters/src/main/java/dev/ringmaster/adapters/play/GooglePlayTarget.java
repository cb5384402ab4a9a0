package dev.ringmaster.adapters.play;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.ByHand;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * Target type {@code google-play} (CONTRACTS §1.2) on the Android Publisher API v3: a percentage is a staged rollout's
 * {@code userFraction}, 100 % a completed release, halt a halted one. Every call is one edit (insert, read the track,
 * write the whole track back, commit) that sets an absolute state: a track already as wanted is left alone (the edit
 * is deleted, nothing committed), and a release someone raised or completed by hand in the Play Console is never
 * lowered silently: the call is refused, saying what Play shows and what the plan asked.
 */
public final class GooglePlayTarget implements RolloutTarget {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://androidpublisher.googleapis.com");
    /** Fresh edits tried when each is invalidated under us (a Console change, another commit) before giving up. */
    static final int EDIT_ATTEMPTS = 3;
    static final String CANNOT_WITHDRAW = "Play cannot take a version away: users who have it keep it; ship a hotfix versionCode";

    private final URI endpoint;
    private final PlayCredentials credentials;
    private final Http http;

    /**
     * @param endpoint    {@link #DEFAULT_ENDPOINT}, or a stand-in / RINGMASTER_GOOGLE_PLAY_ENDPOINT (the API path is kept)
     * @param credentials the service account's tokens
     */
    public GooglePlayTarget(URI endpoint, PlayCredentials credentials, HttpClient client, Http.Policy policy) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = new Http(client, policy, "Google Play");
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        ReleaseOnTrack ours = ReleaseOnTrack.of(target);
        if (phase.percent() == null) {
            throw new Refused(ours.where() + ": phase " + phase.name() + " has no percentage audience (" + phase.audience()
                    + "); a google-play phase needs one");
        }
        double percent = phase.percent();
        if (percent >= 100) {
            return change(ours, current -> ours.release(current, ReleaseOnTrack.COMPLETED, null), "");
        }
        return change(ours, current -> {
            current.ifPresent(r -> refuseLowering(ours, r, percent));
            return ours.release(current, ReleaseOnTrack.IN_PROGRESS, percent / 100);
        }, "");
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        ReleaseOnTrack ours = ReleaseOnTrack.of(target);
        return change(ours, current -> halted(ours, current, "halt"), "");
    }

    /** Play cannot withdraw a version: a rollback halts it, and says so. */
    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        ReleaseOnTrack ours = ReleaseOnTrack.of(target);
        return change(ours, current -> halted(ours, current, "roll back"), "; " + CANNOT_WITHDRAW);
    }

    @Override
    public TargetState complete(Target target, String version) {
        ReleaseOnTrack ours = ReleaseOnTrack.of(target);
        return change(ours, current -> ours.release(current, ReleaseOnTrack.COMPLETED, null), "");
    }

    /** Reads the track through an edit that is deleted afterwards: nothing is changed. */
    @Override
    public TargetState observe(Target target, String version) {
        ReleaseOnTrack ours = ReleaseOnTrack.of(target);
        return inFreshEdits(ours, (api, editId) -> {
            JsonNode track = api.getTrack(editId, ours.track());
            api.deleteQuietly(editId);
            return ours.state(track, "");
        });
    }

    /**
     * Every tick: Play's track moves only by hand, so what it shows against the live phase is a change a person made
     * in Play Console (halted, raised, lowered, completed, removed), the same reading as the simulated track's.
     */
    @Override
    public TargetState hold(Target target, Phase phase, String version) {
        ReleaseOnTrack ours = ReleaseOnTrack.of(target);
        return inFreshEdits(ours, (api, editId) -> {
            JsonNode track = api.getTrack(editId, ours.track());
            api.deleteQuietly(editId);
            if (phase.percent() != null) {
                Optional<ObjectNode> release = ours.find(track);
                Double fraction = release.filter(r -> r.path("userFraction").isNumber()).map(r -> r.path("userFraction").asDouble()).orElse(null);
                ByHand.play(release.map(r -> r.path("status").asText()).orElse(null), fraction, phase.percent()).ifPresent(change -> {
                    throw new ChangedByHand(ours.where() + ": " + change);
                });
            }
            return ours.state(track, "");
        });
    }

    /** A staged rollout is never lowered: a higher fraction or a completed release was set by hand in the Console. */
    private static void refuseLowering(ReleaseOnTrack ours, ObjectNode current, double percent) {
        String status = current.path("status").asText();
        double shown = ReleaseOnTrack.percent(current);
        if (status.equals(ReleaseOnTrack.COMPLETED)) {
            throw new Refused(ours.where() + ": completed by hand in Play Console; the plan asks for " + Numbers.plain(percent)
                    + " %; ringmaster will not lower it; pause or promote");
        }
        if (shown > percent) {
            throw new Refused(ours.where() + ": " + status + " raised by hand in Play Console to " + Numbers.plain(shown)
                    + " %; the plan asks for " + Numbers.plain(percent) + " %; ringmaster will not lower it; pause or promote");
        }
    }

    private static ObjectNode halted(ReleaseOnTrack ours, Optional<ObjectNode> current, String what) {
        ObjectNode r = current.orElseThrow(() -> new Refused("cannot " + what + " " + ours.where() + ": notFound: the track "
                + "holds no release of these versionCodes"));
        String status = r.path("status").asText();
        if (status.equals(ReleaseOnTrack.COMPLETED)) {
            throw new Refused("cannot " + what + " " + ours.where() + ": the release is completed: Play cannot halt it; "
                    + "ship a hotfix versionCode");
        }
        if (!status.equals(ReleaseOnTrack.IN_PROGRESS) && !status.equals(ReleaseOnTrack.HALTED)) {
            throw new Refused("cannot " + what + " " + ours.where() + ": the release is " + status + "; only a release in "
                    + "progress can be halted");
        }
        // halted keeps its userFraction: those users keep the version, no new ones get it
        Double fraction = r.path("userFraction").isNumber() ? r.path("userFraction").asDouble() : null;
        return ours.release(current, ReleaseOnTrack.HALTED, fraction);
    }

    /**
     * One edit: read the track, work out our release, and write the whole track back only if it changes. A refusal
     * deletes the edit before it is thrown, so nothing half-done stays open.
     */
    private TargetState change(ReleaseOnTrack ours, Change change, String note) {
        return inFreshEdits(ours, (api, editId) -> {
            JsonNode track = api.getTrack(editId, ours.track());
            ObjectNode desired;
            try {
                desired = ours.withRelease(track, change.release(ours.find(track)));
            } catch (Refused refused) {
                api.deleteQuietly(editId);
                throw refused;
            }
            if (desired.equals(track)) {
                api.deleteQuietly(editId);
                return ours.state(track, "; already so, nothing committed" + note);
            }
            api.putTrack(editId, ours.track(), desired);
            api.commit(editId);
            return ours.state(desired, note);
        });
    }

    /** Runs {@code work} in a new edit, starting again with a fresh edit when Play invalidates the one in use. */
    private TargetState inFreshEdits(ReleaseOnTrack ours, EditWork work) {
        PlayApi api = new PlayApi(endpoint, credentials, http, ours.packageName());
        PlayApi.EditInvalidated last = null;
        for (int attempt = 1; attempt <= EDIT_ATTEMPTS; attempt++) {
            try {
                return work.run(api, api.insertEdit());
            } catch (PlayApi.EditInvalidated e) {
                last = e;
            }
        }
        throw new Unavailable(ours.where() + ": Google Play invalidated " + EDIT_ATTEMPTS + " edits in a row (someone else "
                + "is editing the app); last: " + last.getMessage());
    }

    @FunctionalInterface
    private interface Change {
        ObjectNode release(Optional<ObjectNode> current);
    }

    @FunctionalInterface
    private interface EditWork {
        TargetState run(PlayApi api, String editId);
    }
}

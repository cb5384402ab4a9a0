package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Target type {@code app-review} (CONTRACTS §1.2): entering the phase submits the App Store version for App Review
 * through review submissions (REFERENCE-targets §2: create, add the version as an item, PATCH submitted). An open
 * submission for the version is reused, never a second made, and an approved version is not submitted again.
 * Halting or rolling back cancels a submission App Review has not finished; completing releases an approved version
 * that waits for its developer.
 */
public final class AppReviewTarget implements RolloutTarget, MetricSource {
    static final String NOT_SUBMITTED = "NOT_SUBMITTED";
    /** Submissions still open: a new one for the same app and platform would be refused. */
    static final List<String> OPEN = List.of("READY_FOR_REVIEW", "WAITING_FOR_REVIEW", "IN_REVIEW", "UNRESOLVED_ISSUES", "CANCELING", "COMPLETING");
    private static final String TYPE = "reviewSubmissions";
    /** appStoreState values that mean App Review said no. */
    private static final java.util.Set<String> REJECTED = java.util.Set.of("REJECTED", "METADATA_REJECTED", "INVALID_BINARY");

    private final AppStoreConnect api;

    public AppReviewTarget(AppStoreConnect api) {
        this.api = api;
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        List<JsonNode> open = api.list(AppStoreConnect.path("/v1/" + TYPE, "filter[app]", v.appId(), "filter[platform]", v.platform(),
                "filter[state]", String.join(",", OPEN), "include", "appStoreVersionForReview"));
        JsonNode ours = forVersion(open, v).orElse(null);
        if (ours != null) {
            return switch (state(ours)) {
                // not sent yet, or sent back with issues the developer has answered: (re)submit the same one
                case "READY_FOR_REVIEW", "UNRESOLVED_ISSUES" -> state(submit(ours), v, "submitted");
                case "CANCELING" -> throw new RolloutTarget.Unavailable(describe(ours, v) + ": the earlier submission is still canceling");
                default -> state(ours, v, "already submitted");
            };
        }
        if (v.approved()) {
            return new TargetState(v.appStoreState(), percent(v), "App Review approved the " + v.describe() + ": not submitted again");
        }
        JsonNode draft = null;
        for (JsonNode s : open) {
            Optional<String> other = JsonApi.related(s, "appStoreVersionForReview");
            if (other.isPresent()) {
                throw new Refused("review submission " + s.path("id").asText() + " (" + state(s) + ") is open for another version of app "
                        + v.appId() + ": one submission per platform at a time");
            }
            if (state(s).equals("READY_FOR_REVIEW")) {
                draft = s;
            }
        }
        JsonNode submission = draft != null ? draft : create(v);
        addVersion(submission, v);
        return state(submit(submission), v, "submitted");
    }

    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        return cancel(target);
    }

    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        return cancel(target);
    }

    @Override
    public TargetState complete(Target target, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        if (v.waitsForDeveloperRelease()) {
            v.release(api);
            return new TargetState(v.appStoreState(), percent(v), "release requested for the " + v.describe());
        }
        if (!v.approved()) {
            throw new Refused("the " + v.describe() + " of app " + v.appId() + " is not approved: only a version App Review approved can be released");
        }
        return new TargetState(v.appStoreState(), percent(v), "the " + v.describe() + " is approved; nothing to release by hand");
    }

    /**
     * App Review's verdict as the plan's {@code app-review} check (source {@code app-review}): PASS once Apple
     * approved the version, FAIL when the submission has unresolved issues or the version was rejected, no data
     * while it waits for review.
     */
    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        Map<String, Object> keys = new LinkedHashMap<>(metric.query());
        try {
            Target target = new Target(TargetType.APP_REVIEW, keys);
            AppStoreVersion v = AppStoreVersion.find(api, target);
            if (v.approved()) {
                return List.of(new Sample(to, new Measure.Check(true, to), null));
            }
            boolean rejected = REJECTED.contains(v.appStoreState()) || observe(target, version).status().equals("UNRESOLVED_ISSUES");
            return rejected ? List.of(new Sample(to, new Measure.Check(false, to), null)) : List.of();
        } catch (Refused | RolloutTarget.Unavailable e) {
            throw new MetricSource.Unavailable("App Review state of " + keys.get("appId") + " " + keys.get("versionString") + ": " + e.getMessage());
        }
    }

    /** The review state of the version's latest submission and the version's appStoreState. */
    @Override
    public TargetState observe(Target target, String version) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        List<JsonNode> all = api.list(AppStoreConnect.path("/v1/" + TYPE, "filter[app]", v.appId(), "filter[platform]", v.platform(),
                "include", "appStoreVersionForReview"));
        JsonNode latest = null;
        for (JsonNode s : all) {
            if (JsonApi.related(s, "appStoreVersionForReview").filter(v.id()::equals).isPresent()
                    && (latest == null || open(s) && !open(latest) || open(s) == open(latest) && submitted(s).compareTo(submitted(latest)) > 0)) {
                latest = s;
            }
        }
        if (latest == null) {
            return new TargetState(NOT_SUBMITTED, percent(v), "no review submission for the " + v.describe());
        }
        return state(latest, v, "");
    }

    private TargetState cancel(Target target) {
        AppStoreVersion v = AppStoreVersion.find(api, target);
        List<JsonNode> open = api.list(AppStoreConnect.path("/v1/" + TYPE, "filter[app]", v.appId(), "filter[platform]", v.platform(),
                "filter[state]", String.join(",", OPEN), "include", "appStoreVersionForReview"));
        JsonNode ours = forVersion(open, v).orElse(null);
        String state = ours == null ? NOT_SUBMITTED : state(ours);
        switch (state) {
            case NOT_SUBMITTED, "READY_FOR_REVIEW" -> {
                if (v.approved()) {
                    throw new Refused("the review of the " + v.describe() + " of app " + v.appId() + " is already COMPLETE: it cannot be canceled");
                }
                return new TargetState(state, percent(v), "nothing waiting for review (" + v.describe() + ")");
            }
            case "CANCELING" -> {
                return state(ours, v, "already canceling");
            }
            case "COMPLETING" -> throw new Refused(describe(ours, v) + ": App Review has decided; it cannot be canceled");
            default -> {
                ObjectNode body = JsonApi.document(TYPE, ours.path("id").asText());
                JsonApi.attributes(body).put("canceled", true);
                return state(patched(ours, body), v, "submission canceled");
            }
        }
    }

    private JsonNode create(AppStoreVersion v) {
        ObjectNode body = JsonApi.document(TYPE, null);
        JsonApi.attributes(body).put("platform", v.platform());
        JsonApi.relate(body, "app", "apps", v.appId());
        return api.post("/v1/" + TYPE, body).path("data");
    }

    private void addVersion(JsonNode submission, AppStoreVersion v) {
        ObjectNode body = JsonApi.document("reviewSubmissionItems", null);
        JsonApi.relate(body, "reviewSubmission", TYPE, submission.path("id").asText());
        JsonApi.relate(body, "appStoreVersion", "appStoreVersions", v.id());
        api.post("/v1/reviewSubmissionItems", body);
    }

    private JsonNode submit(JsonNode submission) {
        ObjectNode body = JsonApi.document(TYPE, submission.path("id").asText());
        JsonApi.attributes(body).put("submitted", true);
        return patched(submission, body);
    }

    private JsonNode patched(JsonNode submission, ObjectNode body) {
        JsonNode data = api.patch("/v1/" + TYPE + "/" + submission.path("id").asText(), body).path("data");
        return data.isObject() ? data : submission;
    }

    private static Optional<JsonNode> forVersion(List<JsonNode> submissions, AppStoreVersion v) {
        return submissions.stream().filter(s -> JsonApi.related(s, "appStoreVersionForReview").filter(v.id()::equals).isPresent()).findFirst();
    }

    private static TargetState state(JsonNode submission, AppStoreVersion v, String note) {
        return new TargetState(state(submission), percent(v), (note.isEmpty() ? "" : note + ": ") + describe(submission, v));
    }

    private static String describe(JsonNode submission, AppStoreVersion v) {
        return "review submission " + submission.path("id").asText() + " " + state(submission) + ", " + v.describe();
    }

    private static String state(JsonNode submission) {
        String s = JsonApi.attribute(submission, "state");
        return s == null ? "UNKNOWN" : s;
    }

    private static boolean open(JsonNode submission) {
        return OPEN.contains(state(submission));
    }

    private static String submitted(JsonNode submission) {
        String d = JsonApi.attribute(submission, "submittedDate");
        return d == null ? "" : d;
    }

    private static double percent(AppStoreVersion v) {
        return "READY_FOR_SALE".equals(v.appStoreState()) ? 100 : Double.NaN;
    }
}

package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Target type {@code testflight} (CONTRACTS §1.2, REFERENCE-targets §3): entering a phase sets What to Test, adds the
 * version's build to the phase's beta groups (else the target's {@code betaGroup}/{@code betaGroups}), and submits it
 * for beta review once when a group is external. Adding or removing a build answers 204 whether or not it was there,
 * and the review submission is looked up before it is made, so repeating a call changes nothing twice.
 */
public final class TestFlightTarget implements RolloutTarget {
    static final String LOCALE = "en-US";
    static final String NO_RELEASE = "TestFlight has no release to everyone; the build stays in its groups";

    private final AppStoreConnect api;

    public TestFlightTarget(AppStoreConnect api) {
        this.api = api;
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        List<String> names = groups(target, phase);
        String appId = target.key("appId");
        TestFlightBuild build = TestFlightBuild.require(api, appId, version).requireValid();
        String whatToTest = target.key("whatToTest");
        if (whatToTest != null) {
            setWhatToTest(build, whatToTest);
        }
        List<String> notes = new ArrayList<>();
        boolean external = false;
        for (String name : names) {
            JsonNode group = group(appId, name);
            if (sharesEveryBuild(group)) {
                notes.add("internal group " + name + " gets every build by itself");
                continue;
            }
            api.post(buildsOf(group), JsonApi.linkage("builds", build.id()));
            external |= !group.path("attributes").path("isInternalGroup").asBoolean(false);
        }
        if (external) {
            notes.add("beta review " + submitForBetaReview(build));
        }
        return observed(build, String.join("; ", notes));
    }

    /** TestFlight cannot pause a build: it is taken out of the phase's groups, so their testers stop getting it. */
    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        return remove(target, phase, version, "halted by taking it out of the phase's groups: their testers stop getting it (TestFlight has no pause)");
    }

    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        return remove(target, phase, version, "taken out of the phase's groups");
    }

    @Override
    public TargetState complete(Target target, String version) {
        return observe(target, version, NO_RELEASE);
    }

    /** Which groups have the build, its beta review and external build state. */
    @Override
    public TargetState observe(Target target, String version) {
        return observe(target, version, "");
    }

    private TargetState observe(Target target, String version, String note) {
        String appId = target.key("appId");
        Optional<TestFlightBuild> build = TestFlightBuild.find(api, appId, version);
        if (build.isEmpty()) {
            return new TargetState("NO_BUILD", Double.NaN, "no build " + version + " of app " + appId + " uploaded");
        }
        List<String> review = new ArrayList<>();
        betaReviewState(build.get()).ifPresent(s -> review.add("beta review " + s));
        if (build.get().externalBuildState() != null) {
            review.add("external build state " + build.get().externalBuildState());
        }
        if (!note.isEmpty()) {
            review.add(note);
        }
        return observed(build.get(), String.join("; ", review));
    }

    private TargetState remove(Target target, Phase phase, String version, String what) {
        List<String> names = groups(target, phase);
        String appId = target.key("appId");
        TestFlightBuild build = TestFlightBuild.require(api, appId, version);
        List<String> notes = new ArrayList<>(List.of(what));
        for (String name : names) {
            JsonNode group = group(appId, name);
            if (sharesEveryBuild(group)) {
                notes.add("internal group " + name + " has access to every build: it keeps this one");
                continue;
            }
            api.delete(buildsOf(group), JsonApi.linkage("builds", build.id()));
        }
        return observed(build, String.join("; ", notes));
    }

    /** What to Test (en-US): created, or, when the locale exists (409 ENTITY_ERROR), found and changed. */
    private void setWhatToTest(TestFlightBuild build, String text) {
        ObjectNode create = JsonApi.document("betaBuildLocalizations", null);
        JsonApi.attributes(create).put("locale", LOCALE).put("whatsNew", text);
        JsonApi.relate(create, "build", "builds", build.id());
        AppStoreConnect.Reply created = api.send("POST", "/v1/betaBuildLocalizations", create);
        if (created.ok()) {
            return;
        }
        if (!created.refusedWith(409, "ENTITY_ERROR")) {
            created.orRefuse();
        }
        JsonNode existing = api.get(AppStoreConnect.path("/v1/betaBuildLocalizations", "filter[build]", build.id(), "filter[locale]", LOCALE))
                .path("data").path(0);
        if (!existing.isObject()) {
            created.orRefuse();
        }
        String id = existing.path("id").asText();
        ObjectNode update = JsonApi.document("betaBuildLocalizations", id);
        JsonApi.attributes(update).put("whatsNew", text);
        api.patch("/v1/betaBuildLocalizations/" + id, update);
    }

    /** The build's beta review state, submitting it first when it never was (external groups review a build once). */
    private String submitForBetaReview(TestFlightBuild build) {
        Optional<String> state = betaReviewState(build);
        if (state.isPresent()) {
            return state.get();
        }
        JsonNode created = api.post("/v1/betaAppReviewSubmissions",
                JsonApi.relate(JsonApi.document("betaAppReviewSubmissions", null), "build", "builds", build.id()));
        String submitted = JsonApi.attribute(created.path("data"), "betaReviewState");
        return submitted == null ? "submitted" : submitted;
    }

    private Optional<String> betaReviewState(TestFlightBuild build) {
        JsonNode s = api.get(AppStoreConnect.path("/v1/betaAppReviewSubmissions", "filter[build]", build.id())).path("data").path(0);
        return s.isObject() ? Optional.ofNullable(JsonApi.attribute(s, "betaReviewState")) : Optional.empty();
    }

    private JsonNode group(String appId, String name) {
        // filter[name] is not documented as exact: the name is compared here
        for (JsonNode g : api.list(AppStoreConnect.path("/v1/betaGroups", "filter[app]", appId, "filter[name]", name))) {
            if (name.equals(JsonApi.attribute(g, "name"))) {
                return g;
            }
        }
        throw new Refused(AppStoreConnect.SYSTEM + " has no beta group named " + name + " in app " + appId);
    }

    private TargetState observed(TestFlightBuild build, String note) {
        TreeSet<String> in = new TreeSet<>();
        for (JsonNode g : api.list(AppStoreConnect.path("/v1/betaGroups", "filter[app]", build.appId(), "filter[builds]", build.id()))) {
            in.add(JsonApi.attribute(g, "name"));
        }
        String status = !build.processingState().equals("VALID") ? build.processingState() : in.isEmpty() ? "NOT_IN_BETA_TESTING" : "IN_BETA_TESTING";
        String detail = build.describe() + (in.isEmpty() ? " in no beta group" : " in beta groups " + String.join(", ", in))
                + (note.isEmpty() ? "" : "; " + note);
        return new TargetState(status, Double.NaN, detail);
    }

    private static boolean sharesEveryBuild(JsonNode group) {
        JsonNode a = group.path("attributes");
        return a.path("isInternalGroup").asBoolean(false) && a.path("hasAccessToAllBuilds").asBoolean(false);
    }

    private static String buildsOf(JsonNode group) {
        return "/v1/betaGroups/" + group.path("id").asText() + "/relationships/builds";
    }

    /** The phase's groups, else the target's betaGroups or betaGroup (CONTRACTS §1.2). */
    private static List<String> groups(Target target, Phase phase) {
        List<String> groups = !phase.groups().isEmpty() ? phase.groups()
                : target.keys().containsKey("betaGroups") ? target.list("betaGroups") : target.list("betaGroup");
        if (groups.isEmpty()) {
            throw new Refused("no beta group for app " + target.key("appId") + ": the phase needs groups or the target betaGroup/betaGroups");
        }
        return groups;
    }
}

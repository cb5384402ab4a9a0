package dev.ringmaster.testkit.standin;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful App Store Connect on loopback (REFERENCE-targets §2, §3) for the endpoints ringmaster's adapters use:
 * app versions and their phased releases, release requests, builds, beta groups and their builds, What to Test
 * localizations, beta review and review submissions. Answers are shaped like Apple's (JSON:API documents, errors as
 * {@code {"errors":[…]}}); tokens are not checked. The phased release's {@code currentDayNumber} follows the clock
 * handed in, counting ACTIVE time only, as Apple's schedule does; Apple completes it after day 7 starts and resumes a
 * pause that used up 30 days (what Apple then does is UNVERIFIED; the simulator does the same).
 */
public final class AppStoreConnectStandIn implements AutoCloseable {
    static final List<Integer> SCHEDULE = List.of(1, 2, 5, 10, 20, 50, 100);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration PAUSE_LIMIT = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final WireMockServer server;
    private final List<String> requests = new ArrayList<>();
    private final Map<String, Version> versions = new LinkedHashMap<>();
    private final Map<String, Phased> phased = new LinkedHashMap<>();
    private final Map<String, Build> builds = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, ObjectNode> localizations = new LinkedHashMap<>();
    private final Map<String, ObjectNode> betaReviews = new LinkedHashMap<>();
    private final Map<String, Submission> submissions = new LinkedHashMap<>();
    private int ids;

    public AppStoreConnectStandIn(Clock clock) {
        this.clock = clock;
        this.server = StandInServer.create("app-store-connect", this::answer);
    }

    public AppStoreConnectStandIn start() {
        StandInServer.start(server);
        return this;
    }

    public URI baseUrl() {
        return URI.create(server.baseUrl());
    }

    /** "METHOD /path" of every request, oldest first, without the query. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** An App Store version of an app ({@code appStoreState} e.g. PENDING_DEVELOPER_RELEASE); returns its id. */
    public synchronized String addVersion(String appId, String versionString, String appStoreState) {
        String id = id("ver");
        versions.put(id, new Version(id, appId, versionString, "IOS", appStoreState));
        return id;
    }

    /** A build of an app, by build number; returns its id. */
    public synchronized String addBuild(String appId, String version, String processingState) {
        String id = id("build");
        builds.put(id, new Build(id, appId, version, processingState));
        return id;
    }

    /** A beta group; returns its id. */
    public synchronized String addBetaGroup(String appId, String name, boolean internal) {
        String id = id("group");
        groups.put(id, new Group(id, appId, name, internal));
        return id;
    }

    /** Pauses the version's phased release as someone in App Store Connect would, by hand. */
    public synchronized void pauseByHand(String appId, String versionString) {
        Phased p = phasedOf(appId, versionString);
        p.settle(clock.instant());
        if (p.state.equals("ACTIVE")) {
            p.pause(clock.instant());
        }
    }

    /** The phased release's state now (NONE without one). */
    public synchronized String phasedReleaseState(String appId, String versionString) {
        Phased p = findPhased(appId, versionString);
        if (p == null) {
            return "NONE";
        }
        p.settle(clock.instant());
        return p.state;
    }

    public synchronized int currentDayNumber(String appId, String versionString) {
        Phased p = phasedOf(appId, versionString);
        p.settle(clock.instant());
        return p.day(clock.instant());
    }

    /** The names of the groups that have the build. */
    public synchronized Set<String> groupsWith(String buildId) {
        Set<String> names = new LinkedHashSet<>();
        groups.values().stream().filter(g -> g.builds.contains(buildId)).forEach(g -> names.add(g.name));
        return names;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition answer(Request r) {
        String method = r.getMethod().getName();
        String path = URI.create(r.getUrl()).getPath();
        requests.add(method + " " + path);
        JsonNode body = body(r);
        Instant now = clock.instant();
        Matcher m;
        if ((m = match("/v1/apps/([^/]+)/appStoreVersions", path)).matches() && method.equals("GET")) {
            return listVersions(m.group(1), r, now);
        }
        if (path.equals("/v1/appStoreVersionPhasedReleases") && method.equals("POST")) {
            return createPhased(body, now);
        }
        if ((m = match("/v1/appStoreVersionPhasedReleases/([^/]+)", path)).matches() && method.equals("PATCH")) {
            return patchPhased(m.group(1), body, now);
        }
        if (path.equals("/v1/appStoreVersionReleaseRequests") && method.equals("POST")) {
            return releaseVersion(body, now);
        }
        if (path.equals("/v1/builds") && method.equals("GET")) {
            return list(builds.values().stream().filter(b -> b.appId.equals(param(r, "filter[app]"))
                    && (param(r, "filter[version]") == null || b.version.equals(param(r, "filter[version]")))
                    && param(r, "filter[preReleaseVersion.version]") == null).map(Build::resource).toList());
        }
        if (path.equals("/v1/betaGroups") && method.equals("GET")) {
            return list(groups.values().stream().filter(g -> g.appId.equals(param(r, "filter[app]"))
                    && (param(r, "filter[name]") == null || g.name.equals(param(r, "filter[name]")))
                    && (param(r, "filter[builds]") == null || g.builds.contains(param(r, "filter[builds]")))).map(Group::resource).toList());
        }
        if ((m = match("/v1/betaGroups/([^/]+)/relationships/builds", path)).matches()) {
            Group g = groups.get(m.group(1));
            if (g == null) {
                return error(404, "NOT_FOUND", "The specified resource does not exist", "There is no resource of type 'betaGroups' with id '" + m.group(1) + "'");
            }
            body.path("data").forEach(b -> {
                if (method.equals("POST")) {
                    g.builds.add(b.path("id").asText());
                } else if (method.equals("DELETE")) {
                    g.builds.remove(b.path("id").asText());
                }
            });
            return new ResponseDefinitionBuilder().withStatus(204).build();
        }
        if (path.equals("/v1/betaBuildLocalizations")) {
            return method.equals("POST") ? createLocalization(body) : list(filtered(localizations.values(), l ->
                    l.path("relationships").path("build").path("data").path("id").asText().equals(param(r, "filter[build]"))
                            && (param(r, "filter[locale]") == null || l.path("attributes").path("locale").asText().equals(param(r, "filter[locale]")))));
        }
        if ((m = match("/v1/betaBuildLocalizations/([^/]+)", path)).matches() && method.equals("PATCH")) {
            ObjectNode l = localizations.get(m.group(1));
            ((ObjectNode) l.path("attributes")).put("whatsNew", body.path("data").path("attributes").path("whatsNew").asText());
            return single(200, l);
        }
        if (path.equals("/v1/betaAppReviewSubmissions")) {
            if (method.equals("POST")) {
                ObjectNode s = resource("betaAppReviewSubmissions", id("beta-review"));
                s.putObject("attributes").put("betaReviewState", "WAITING_FOR_REVIEW").put("submittedDate", now.toString());
                s.putObject("relationships").putObject("build").set("data", body.path("data").path("relationships").path("build").path("data"));
                betaReviews.put(s.path("id").asText(), s);
                return single(201, s);
            }
            return list(filtered(betaReviews.values(), s -> s.path("relationships").path("build").path("data").path("id").asText().equals(param(r, "filter[build]"))));
        }
        if (path.equals("/v1/reviewSubmissions")) {
            return method.equals("POST") ? createSubmission(body) : listSubmissions(r);
        }
        if (path.equals("/v1/reviewSubmissionItems") && method.equals("POST")) {
            Submission s = submissions.get(body.path("data").path("relationships").path("reviewSubmission").path("data").path("id").asText());
            s.versionId = body.path("data").path("relationships").path("appStoreVersion").path("data").path("id").asText();
            ObjectNode item = resource("reviewSubmissionItems", id("item"));
            item.putObject("attributes").put("state", "READY_FOR_REVIEW");
            return single(201, item);
        }
        if ((m = match("/v1/reviewSubmissions/([^/]+)", path)).matches() && method.equals("PATCH")) {
            Submission s = submissions.get(m.group(1));
            JsonNode a = body.path("data").path("attributes");
            if (a.path("submitted").asBoolean(false)) {
                s.state = "WAITING_FOR_REVIEW";
                versions.get(s.versionId).appStoreState = "WAITING_FOR_REVIEW";
            } else if (a.path("canceled").asBoolean(false)) {
                s.state = "CANCELING";
            }
            return single(200, s.resource());
        }
        return error(404, "PATH_ERROR", "The URL path is not valid", "The resource '" + path + "' does not exist in this stand-in");
    }

    private ResponseDefinition listVersions(String appId, Request r, Instant now) {
        List<JsonNode> data = new ArrayList<>();
        ArrayNode included = JSON.createArrayNode();
        for (Version v : versions.values()) {
            if (!v.appId.equals(appId) || param(r, "filter[versionString]") != null && !v.versionString.equals(param(r, "filter[versionString]"))) {
                continue;
            }
            ObjectNode res = resource("appStoreVersions", v.id);
            res.putObject("attributes").put("platform", v.platform).put("versionString", v.versionString).put("appStoreState", v.appStoreState);
            ObjectNode rel = res.putObject("relationships").putObject("appStoreVersionPhasedRelease");
            Phased p = phased.values().stream().filter(x -> x.versionId.equals(v.id)).findFirst().orElse(null);
            if (p != null) {
                p.settle(now);
                rel.set("data", ref("appStoreVersionPhasedReleases", p.id));
                included.add(p.resource(now));
            }
            data.add(res);
        }
        ObjectNode doc = listDocument(data);
        if (!included.isEmpty()) {
            doc.set("included", included);
        }
        return json(200, doc);
    }

    private ResponseDefinition createPhased(JsonNode body, Instant now) {
        String versionId = body.path("data").path("relationships").path("appStoreVersion").path("data").path("id").asText();
        if (phased.values().stream().anyMatch(p -> p.versionId.equals(versionId))) {
            return error(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The provided entity includes a relationship with an invalid value",
                    "The appStoreVersion already has a phased release");
        }
        Phased p = new Phased(id("phased"), versionId);
        if (versions.get(versionId).appStoreState.equals("READY_FOR_SALE")) {
            return error(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", "A released version cannot get a phased release");
        }
        phased.put(p.id, p);
        return single(201, p.resource(now));
    }

    private ResponseDefinition patchPhased(String id, JsonNode body, Instant now) {
        Phased p = phased.get(id);
        if (p == null) {
            return error(404, "NOT_FOUND", "The specified resource does not exist", "There is no resource of type 'appStoreVersionPhasedReleases' with id '" + id + "'");
        }
        p.settle(now);
        String wanted = body.path("data").path("attributes").path("phasedReleaseState").asText();
        if (p.state.equals("COMPLETE") || p.state.equals("INACTIVE")) {
            return error(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
                    "You cannot update phasedReleaseState from " + p.state + " to " + wanted);
        }
        switch (wanted) {
            case "PAUSED" -> {
                if (p.state.equals("ACTIVE")) {
                    p.pause(now);
                }
            }
            case "ACTIVE" -> p.activate(now);
            case "COMPLETE" -> {
                p.activate(now);
                p.state = "COMPLETE";
            }
            default -> {
                return error(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", "phasedReleaseState " + wanted + " is not allowed");
            }
        }
        return single(200, p.resource(now));
    }

    private ResponseDefinition releaseVersion(JsonNode body, Instant now) {
        Version v = versions.get(body.path("data").path("relationships").path("appStoreVersion").path("data").path("id").asText());
        if (!v.appStoreState.equals("PENDING_DEVELOPER_RELEASE")) {
            return error(409, "ENTITY_ERROR", "The request entity is invalid", "The version is " + v.appStoreState + ", not PENDING_DEVELOPER_RELEASE");
        }
        v.appStoreState = "READY_FOR_SALE";
        phased.values().stream().filter(p -> p.versionId.equals(v.id)).forEach(p -> p.activate(now));
        return single(201, resource("appStoreVersionReleaseRequests", id("release")));
    }

    private ResponseDefinition createLocalization(JsonNode body) {
        String buildId = body.path("data").path("relationships").path("build").path("data").path("id").asText();
        String locale = body.path("data").path("attributes").path("locale").asText();
        if (localizations.values().stream().anyMatch(l -> l.path("relationships").path("build").path("data").path("id").asText().equals(buildId)
                && l.path("attributes").path("locale").asText().equals(locale))) {
            return error(409, "ENTITY_ERROR.DUPLICATE", "The provided entity includes a duplicate value", "A localization for " + locale + " already exists");
        }
        ObjectNode l = resource("betaBuildLocalizations", id("loc"));
        l.putObject("attributes").put("locale", locale).put("whatsNew", body.path("data").path("attributes").path("whatsNew").asText());
        l.putObject("relationships").putObject("build").set("data", ref("builds", buildId));
        localizations.put(l.path("id").asText(), l);
        return single(201, l);
    }

    private ResponseDefinition createSubmission(JsonNode body) {
        String appId = body.path("data").path("relationships").path("app").path("data").path("id").asText();
        Submission s = new Submission(id("submission"), appId, body.path("data").path("attributes").path("platform").asText("IOS"));
        submissions.put(s.id, s);
        return single(201, s.resource());
    }

    private ResponseDefinition listSubmissions(Request r) {
        String states = param(r, "filter[state]");
        List<JsonNode> data = submissions.values().stream().filter(s -> s.appId.equals(param(r, "filter[app]"))
                && (states == null || List.of(states.split(",")).contains(s.state))).map(Submission::resource).toList();
        return list(data);
    }

    private static String param(Request r, String name) {
        QueryParameter p = r.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    private static JsonNode body(Request r) {
        String text = r.getBodyAsString();
        try {
            return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Matcher match(String regex, String path) {
        return Pattern.compile(regex).matcher(path);
    }

    private static List<JsonNode> filtered(java.util.Collection<ObjectNode> all, Predicate<ObjectNode> keep) {
        return all.stream().filter(keep).map(n -> (JsonNode) n).toList();
    }

    private String id(String kind) {
        return kind + "-" + (++ids);
    }

    private ResponseDefinition single(int status, JsonNode data) {
        ObjectNode doc = JSON.createObjectNode();
        doc.set("data", data);
        doc.putObject("links").put("self", server.baseUrl() + "/v1/" + data.path("type").asText() + "/" + data.path("id").asText());
        return json(status, doc);
    }

    private ResponseDefinition list(List<JsonNode> data) {
        return json(200, listDocument(data));
    }

    private ObjectNode listDocument(List<JsonNode> data) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("data").addAll(data);
        doc.putObject("links").put("self", server.baseUrl());
        doc.putObject("meta").putObject("paging").put("total", data.size()).put("limit", 200);
        return doc;
    }

    private static ResponseDefinition error(int status, String code, String title, String detail) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("errors").addObject().put("id", java.util.UUID.randomUUID().toString()).put("status", Integer.toString(status))
                .put("code", code).put("title", title).put("detail", detail);
        return json(status, doc);
    }

    private static ResponseDefinition json(int status, JsonNode doc) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Rate-Limit", "user-hour-lim:3500;user-hour-rem:3499;").withBody(doc.toString()).build();
    }

    private static ObjectNode resource(String type, String id) {
        return JSON.createObjectNode().put("type", type).put("id", id);
    }

    private static ObjectNode ref(String type, String id) {
        return resource(type, id);
    }

    private Phased findPhased(String appId, String versionString) {
        return versions.values().stream().filter(v -> v.appId.equals(appId) && v.versionString.equals(versionString)).findFirst()
                .flatMap(v -> phased.values().stream().filter(p -> p.versionId.equals(v.id)).findFirst()).orElse(null);
    }

    private Phased phasedOf(String appId, String versionString) {
        Phased p = findPhased(appId, versionString);
        if (p == null) {
            throw new IllegalStateException("no phased release for " + appId + " " + versionString);
        }
        return p;
    }

    private static final class Version {
        final String id;
        final String appId;
        final String versionString;
        final String platform;
        String appStoreState;

        Version(String id, String appId, String versionString, String platform, String appStoreState) {
            this.id = id;
            this.appId = appId;
            this.versionString = versionString;
            this.platform = platform;
            this.appStoreState = appStoreState;
        }
    }

    /** Apple's clock for one phased release: days count ACTIVE time only. */
    private static final class Phased {
        final String id;
        final String versionId;
        String state = "INACTIVE";
        Instant startDate;
        Duration pausedBefore = Duration.ZERO;
        Instant pausedSince;

        Phased(String id, String versionId) {
            this.id = id;
            this.versionId = versionId;
        }

        void settle(Instant now) {
            if (state.equals("PAUSED") && paused(now).compareTo(PAUSE_LIMIT) >= 0) {
                pausedBefore = PAUSE_LIMIT;
                pausedSince = null;
                state = "ACTIVE";
            }
            if (state.equals("ACTIVE") && Duration.between(startDate, now).minus(paused(now)).compareTo(DAY.multipliedBy(SCHEDULE.size() - 1)) >= 0) {
                state = "COMPLETE";
            }
        }

        void activate(Instant now) {
            if (state.equals("INACTIVE")) {
                startDate = now;
            } else if (state.equals("PAUSED")) {
                pausedBefore = paused(now);
                pausedSince = null;
            }
            state = "ACTIVE";
        }

        void pause(Instant now) {
            pausedSince = now;
            state = "PAUSED";
        }

        Duration paused(Instant now) {
            return pausedSince == null ? pausedBefore : pausedBefore.plus(Duration.between(pausedSince, now));
        }

        int day(Instant now) {
            return switch (state) {
                case "INACTIVE" -> 0;
                case "COMPLETE" -> SCHEDULE.size();
                default -> (int) Math.min(SCHEDULE.size(), Duration.between(startDate, now).minus(paused(now)).toDays() + 1);
            };
        }

        ObjectNode resource(Instant now) {
            ObjectNode r = AppStoreConnectStandIn.resource("appStoreVersionPhasedReleases", id);
            ObjectNode a = r.putObject("attributes").put("phasedReleaseState", state).put("totalPauseDuration", paused(now).toDays())
                    .put("currentDayNumber", day(now));
            if (startDate == null) {
                a.putNull("startDate");
            } else {
                a.put("startDate", startDate.toString());
            }
            return r;
        }
    }

    private record Build(String id, String appId, String version, String processingState) {
        JsonNode resource() {
            ObjectNode r = AppStoreConnectStandIn.resource("builds", id);
            r.putObject("attributes").put("version", version).put("processingState", processingState).put("expired", false);
            return r;
        }
    }

    private static final class Group {
        final String id;
        final String appId;
        final String name;
        final boolean internal;
        final Set<String> builds = new LinkedHashSet<>();

        Group(String id, String appId, String name, boolean internal) {
            this.id = id;
            this.appId = appId;
            this.name = name;
            this.internal = internal;
        }

        JsonNode resource() {
            ObjectNode r = AppStoreConnectStandIn.resource("betaGroups", id);
            r.putObject("attributes").put("name", name).put("isInternalGroup", internal).put("hasAccessToAllBuilds", false).put("publicLinkEnabled", false);
            return r;
        }
    }

    private static final class Submission {
        final String id;
        final String appId;
        final String platform;
        String state = "READY_FOR_REVIEW";
        String versionId;

        Submission(String id, String appId, String platform) {
            this.id = id;
            this.appId = appId;
            this.platform = platform;
        }

        JsonNode resource() {
            ObjectNode r = AppStoreConnectStandIn.resource("reviewSubmissions", id);
            r.putObject("attributes").put("platform", platform).put("state", state);
            ObjectNode rel = r.putObject("relationships");
            rel.putObject("app").set("data", ref("apps", appId));
            ObjectNode forReview = rel.putObject("appStoreVersionForReview");
            if (versionId != null) {
                forReview.set("data", ref("appStoreVersions", versionId));
            }
            return r;
        }
    }
}

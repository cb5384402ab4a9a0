package dev.ringmaster.testkit.standin;


import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Android Publisher API v3 edits and Google's token endpoint on a loopback port, keeping real state
 * (REFERENCE-targets §1): edits snapshot the app's tracks at insert; a commit makes the edit's tracks live and, like a
 * change made by hand in the Play Console, invalidates every other open edit of the app (400 "This Edit has been
 * deleted."); a new insert replaces the open edit (one active edit per user and app). Answers and error bodies have
 * the API's shapes. API calls need a token this stand-in issued for a JWT signed by its generated service-account key.
 */
public final class PlayStandIn implements AutoCloseable {
    public static final String EMAIL = "ringmaster-release@ringmaster-standin.iam.gserviceaccount.com";
    static final String SCOPE = "https://www.googleapis.com/auth/androidpublisher";
    private static final String API = "/androidpublisher/v3/applications/";
    private static final Pattern EDITS = Pattern.compile(API + "([^/]+)/edits");
    private static final Pattern EDIT = Pattern.compile(API + "([^/]+)/edits/([^/:]+)");
    private static final Pattern COMMIT = Pattern.compile(API + "([^/]+)/edits/([^/:]+):commit");
    private static final Pattern TRACK = Pattern.compile(API + "([^/]+)/edits/([^/:]+)/tracks/([^/]+)");
    private static final Set<String> STANDARD_TRACKS = Set.of("production", "beta", "alpha", "qa", "internal");
    private static final List<String> STATUSES = List.of("draft", "inProgress", "halted", "completed");

    private final GoogleTokenEndpoint google = new GoogleTokenEndpoint(EMAIL, SCOPE, "ya29.standin-");
    private final WireMockServer server;
    /** package → track → releases, as live on Play. */
    private final Map<String, Map<String, List<Map<String, Object>>>> live = new HashMap<>();
    private final Map<String, Edit> edits = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    /** Requests of {@code method} (null: any) whose path ends with {@code suffix} get {@code answer}, {@code times} more times. */
    private static final class Fault {
        final String method;
        final String suffix;
        final ResponseDefinition answer;
        int times;

        Fault(String method, String suffix, int times, ResponseDefinition answer) {
            this.method = method;
            this.suffix = suffix;
            this.times = times;
            this.answer = answer;
        }
    }
    private long inserted;

    private static final class Edit {
        final String packageName;
        final Map<String, List<Map<String, Object>>> tracks;
        String deleted;

        Edit(String packageName, Map<String, List<Map<String, Object>>> tracks) {
            this.packageName = packageName;
            this.tracks = tracks;
        }
    }

    private PlayStandIn() {
        this.server = StandInServer.create("play-stand-in", this::handle);
    }

    /** A stand-in on a free loopback port with a freshly generated service-account key. */
    public static PlayStandIn start() {
        PlayStandIn standIn = new PlayStandIn();
        StandInServer.start(standIn.server);
        return standIn;
    }

    /** Replaces {@code https://androidpublisher.googleapis.com} (RINGMASTER_GOOGLE_PLAY_ENDPOINT). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public String tokenUri() {
        return baseUrl() + "/token";
    }

    /** A service-account key file whose {@code token_uri} points at this stand-in. */
    public String serviceAccountKeyJson() {
        return google.keyJson(tokenUri(), "9d3c1e0b7a5f4c2e8d6b0a1f3e5c7b9d2a4c6e8f", "113355779911224466880");
    }

    /**
     * A change made by hand in the Play Console: the release holding {@code versionCodes} on the track gets this status
     * and fraction (null: none), or is added; every open edit of the app is invalidated, as the Console does.
     */
    public synchronized void changeByHand(String packageName, String track, List<String> versionCodes, String status,
                                          Double userFraction) {
        List<Map<String, Object>> releases = live.computeIfAbsent(packageName, p -> new HashMap<>())
                .computeIfAbsent(track, t -> new ArrayList<>());
        Map<String, Object> release = releases.stream().filter(r -> codes(r).stream().anyMatch(versionCodes::contains))
                .findFirst().orElseGet(() -> {
                    Map<String, Object> added = new LinkedHashMap<>();
                    releases.add(0, added);
                    return added;
                });
        release.put("versionCodes", new ArrayList<>(versionCodes));
        release.put("status", status);
        if (userFraction == null) {
            release.remove("userFraction");
        } else {
            release.put("userFraction", userFraction);
        }
        invalidateOpenEdits(packageName, null);
    }

    /** The live releases of a track (copies), newest first as Play lists them. */
    public synchronized List<Map<String, Object>> track(String packageName, String track) {
        return copy(live.getOrDefault(packageName, Map.of()).getOrDefault(track, List.of()));
    }

    /** Every request received, in order, as "METHOD path". */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * The next {@code times} requests of {@code method} (null: any) whose path ends with {@code suffix} answer {@code code}
     * with Google's error body for {@code reason} (REFERENCE-targets §1); 429 and 503 carry {@code Retry-After: 1}.
     */
    public synchronized void fail(String method, String suffix, int times, int code, String reason, String message) {
        ResponseDefinition e = error(code, reason, code == 429 ? "RESOURCE_EXHAUSTED" : code >= 500 ? "UNAVAILABLE"
                : code == 409 ? "ABORTED" : code == 403 ? "PERMISSION_DENIED" : "FAILED_PRECONDITION", message);
        faults.add(new Fault(method, suffix, times, code == 429 || code == 503
                ? com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(e).withHeader("Retry-After", "1").build() : e));
    }

    /** The next request of {@code method} whose path ends with {@code suffix} answers 200 with a body that is not JSON. */
    public synchronized void malform(String method, String suffix) {
        faults.add(new Fault(method, suffix, 1, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody("<html>upstream proxy</html>").build()));
    }

    /** Tokens issued so far stop working (expired or revoked): the next API call answers 401. */
    public synchronized void revokeTokens() {
        google.revoke();
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition handle(Request request) {
        String method = request.getMethod().getName();
        String rawPath = request.getUrl().split("\\?", 2)[0];
        requests.add(method + " " + rawPath);
        for (Fault f : faults) {
            if (f.times > 0 && (f.method == null || f.method.equals(method)) && rawPath.endsWith(f.suffix)) {
                f.times--;
                return f.answer;
            }
        }
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (method.equals("POST") && path.equals("/token")) {
            return google.grant(request.getBodyAsString());
        }
        String auth = request.getHeader("Authorization");
        if (!google.authorized(auth)) {
            return error(401, "authError", "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.");
        }
        Matcher m;
        if (method.equals("POST") && (m = EDITS.matcher(path)).matches()) {
            return insert(m.group(1));
        }
        if ((m = TRACK.matcher(path)).matches() && (method.equals("GET") || method.equals("PUT"))) {
            Object edit = usable(m.group(1), m.group(2));
            if (edit instanceof ResponseDefinition refusal) {
                return refusal;
            }
            return method.equals("GET") ? getTrack((Edit) edit, m.group(3))
                    : putTrack((Edit) edit, m.group(3), request.getBodyAsString());
        }
        if (method.equals("POST") && (m = COMMIT.matcher(path)).matches()) {
            Object edit = usable(m.group(1), m.group(2));
            return edit instanceof ResponseDefinition refusal ? refusal : commit(m.group(2), (Edit) edit);
        }
        if (method.equals("DELETE") && (m = EDIT.matcher(path)).matches()) {
            Object edit = usable(m.group(1), m.group(2));
            if (edit instanceof ResponseDefinition refusal) {
                return refusal;
            }
            edits.remove(m.group(2));
            return new ResponseDefinition(204, "");
        }
        return error(404, "notFound", "NOT_FOUND", "The requested URL " + rawPath + " was not found on this server.");
    }

    private ResponseDefinition insert(String packageName) {
        // one active edit per user and app: a new insert replaces the open one
        invalidateOpenEdits(packageName, null);
        Map<String, List<Map<String, Object>>> snapshot = new HashMap<>();
        live.getOrDefault(packageName, Map.of()).forEach((track, releases) -> snapshot.put(track, copy(releases)));
        String id = Long.toString(1_690_000_000_000_000_000L + ++inserted * 7_919L);
        edits.put(id, new Edit(packageName, snapshot));
        return json(200, Map.of("id", id, "expiryTimeSeconds", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())));
    }

    /** The open edit, or the API's answer for an unknown or invalidated one. */
    private Object usable(String packageName, String id) {
        Edit edit = edits.get(id);
        if (edit == null || !edit.packageName.equals(packageName)) {
            return error(404, "notFound", "NOT_FOUND", "No edit with id " + id + ".");
        }
        if (edit.deleted != null) {
            return error(400, "badRequest", "INVALID_ARGUMENT", edit.deleted);
        }
        return edit;
    }

    private ResponseDefinition getTrack(Edit edit, String track) {
        if (!edit.tracks.containsKey(track) && !STANDARD_TRACKS.contains(track)) {
            return error(404, "notFound", "NOT_FOUND", "Track not found: " + track + ".");
        }
        return json(200, trackBody(track, edit.tracks.getOrDefault(track, List.of())));
    }

    private ResponseDefinition putTrack(Edit edit, String track, String body) {
        Map<?, ?> sent;
        try {
            sent = Json.read(body, Map.class);
        } catch (RuntimeException e) {
            return error(400, "parseError", "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        if (sent.get("track") != null && !track.equals(sent.get("track"))) {
            return error(400, "invalidValue", "INVALID_ARGUMENT", "Track name in the request body does not match the URL.");
        }
        List<Map<String, Object>> releases = new ArrayList<>();
        for (Object o : sent.get("releases") instanceof List<?> l ? l : List.of()) {
            Map<String, Object> r = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> r.put(String.valueOf(k), v));
            releases.add(normalized(r));
        }
        String invalid = invalid(releases, live.getOrDefault(edit.packageName, Map.of()).getOrDefault(track, List.of()));
        if (invalid != null) {
            return error(400, "invalidValue", "INVALID_ARGUMENT", invalid);
        }
        edit.tracks.put(track, releases);
        return json(200, trackBody(track, releases));
    }

    /** Play's checks on a track update, as far as a rollout touches them; null when the track is acceptable. */
    private static String invalid(List<Map<String, Object>> releases, List<Map<String, Object>> before) {
        Set<String> statuses = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> r : releases) {
            Object status = r.get("status");
            Object f = r.get("userFraction");
            boolean staged = "inProgress".equals(status) || "halted".equals(status);
            if (codes(r).isEmpty()) {
                return "A release must have at least one version code.";
            }
            if (!STATUSES.contains(status)) {
                return "Invalid value for release status: " + status + ".";
            }
            if (!statuses.add((String) status)) {
                return "Only one release with status " + status + " is allowed on a track.";
            }
            if (f != null && (!staged || !(f instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() >= 1)) {
                return "userFraction must be in (0, 1) and is only allowed for inProgress and halted releases.";
            }
            if ("inProgress".equals(status) && f == null) {
                return "A release with status inProgress needs a userFraction.";
            }
            for (String code : codes(r)) {
                if (!seen.add(code)) {
                    return "Version code " + code + " is in more than one release.";
                }
            }
            for (Map<String, Object> old : before) {
                if (codes(old).equals(codes(r)) && staged && f != null && old.get("userFraction") instanceof Number was
                        && ((Number) f).doubleValue() < was.doubleValue()) {
                    return "The rollout fraction of a release cannot be decreased.";
                }
            }
        }
        return null;
    }

    private ResponseDefinition commit(String id, Edit edit) {
        live.computeIfAbsent(edit.packageName, p -> new HashMap<>()).putAll(edit.tracks);
        edits.remove(id);
        invalidateOpenEdits(edit.packageName, id);
        return json(200, Map.of("id", id, "expiryTimeSeconds", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())));
    }

    private void invalidateOpenEdits(String packageName, String except) {
        edits.forEach((id, e) -> {
            if (e.packageName.equals(packageName) && !id.equals(except)) {
                e.deleted = "This Edit has been deleted.";
            }
        });
    }

    private static Map<String, Object> trackBody(String track, List<Map<String, Object>> releases) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("track", track);
        if (!releases.isEmpty()) {
            // an empty track comes back without releases
            body.put("releases", releases);
        }
        return body;
    }

    /** versionCodes are int64 sent as JSON strings; numbers are read too, as Google's JSON parser does. */
    private static List<String> codes(Map<String, Object> release) {
        List<String> codes = new ArrayList<>();
        if (release.get("versionCodes") instanceof List<?> l) {
            for (Object c : l) {
                codes.add(c instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(c));
            }
        }
        return codes;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> copy(List<Map<String, Object>> releases) {
        List<Map<String, Object>> copies = Json.read(Json.write(releases), List.class);
        copies.forEach(PlayStandIn::normalized);
        return copies;
    }

    /** As Play stores a release: versionCodes as strings, userFraction as a double (WireMock's JSON reads BigDecimal). */
    private static Map<String, Object> normalized(Map<String, Object> release) {
        release.put("versionCodes", codes(release));
        if (release.get("userFraction") instanceof Number f) {
            release.put("userFraction", f.doubleValue());
        }
        return release;
    }

    private static ResponseDefinition error(int code, String reason, String status, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", message);
        detail.put("domain", "global");
        detail.put("reason", reason);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("errors", List.of(detail));
        error.put("status", status);
        return json(code, Map.of("error", error));
    }

    private static ResponseDefinition json(int status, Object body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(Json.write(body)).build();
    }
}

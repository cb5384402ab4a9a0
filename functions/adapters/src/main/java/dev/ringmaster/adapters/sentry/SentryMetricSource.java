package dev.ringmaster.adapters.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Sources;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Source {@code sentry} (CONTRACTS.md §1.3): release health from Sentry's sessions API (REFERENCE-signals §2). One
 * request per read (per 30 days of window), grouped by release and session status, hourly: the canary is the release
 * {@code {app}@{version}} (just {@code {version}} when the plan has no app), the baseline the previous release
 * {@code {app}@{previousVersion}} in the same hours (none without {@code metadata.previousVersion}). One sample per
 * complete hour, at its end. An hour Sentry has no sessions for ({@code null} or 0) is no data, never zero.
 */
public final class SentryMetricSource implements MetricSource {
    public static final String KEY = "sentry";
    public static final URI DEFAULT_URL = URI.create("https://sentry.io");
    public static final String URL_ENV = "RINGMASTER_SENTRY_URL";
    /** 30 days of hours × 2 releases × 5 statuses = 7,200 points, under Sentry's 10,000 a response. */
    static final Duration CHUNK = Duration.ofDays(30);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String org;
    private final Supplier<String> token;
    private final Http http;

    /**
     * @param baseUrl {@link #DEFAULT_URL}, a self-hosted Sentry, or a stand-in ({@code RINGMASTER_SENTRY_URL})
     * @param org     the organization slug (a metric's {@code query.org} overrides it); null when only queries give it
     * @param token   the auth token, asked for on each request
     */
    public SentryMetricSource(URI baseUrl, String org, Supplier<String> token, Http http) {
        this.baseUrl = baseUrl;
        this.org = org;
        this.token = token;
        this.http = http;
    }

    /**
     * The source for {@code spec.sources.sentry} (null when the plan has none): {@code RINGMASTER_SENTRY_URL} when set
     * (pointing ringmaster at a stand-in or staging wins over the plan), else the plan's {@code url}, else sentry.io; the
     * token read from its reference on first use and kept.
     */
    public static SentryMetricSource fromSources(Sources.Sentry config, Secrets secrets, Map<String, String> env, Http http) {
        String override = env.get(URL_ENV);
        String url = override != null && !override.isBlank() ? override.strip()
                : config != null && config.url() != null && !config.url().isBlank() ? config.url().strip() : DEFAULT_URL.toString();
        String reference = config == null ? null : config.token();
        return new SentryMetricSource(URI.create(url), config == null ? null : config.org(), new Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    if (reference == null || reference.isBlank()) {
                        throw new Unavailable("no Sentry auth token: set spec.sources.sentry.token to a reference (env:, file:, ssm:/, secretsmanager:)");
                    }
                    try {
                        value = secrets.resolve(reference);
                    } catch (Secrets.Unresolved e) {
                        throw new Unavailable("no Sentry auth token: " + e.getMessage());
                    }
                }
                return value;
            }
        }, http);
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef def, Release release, Instant from, Instant to) {
        SessionField field = SessionField.of(def);
        String project = text(def, "project");
        if (project == null) {
            throw new Unavailable("sentry metric " + def.name() + ": query.project (a project slug or id) is required");
        }
        String organization = text(def, "org") != null ? text(def, "org") : org;
        if (organization == null || organization.isBlank()) {
            throw new Unavailable("sentry metric " + def.name() + ": no organization: set spec.sources.sentry.org or query.org");
        }
        String canary = releaseName(release.app(), release.version());
        String baseline = release.previousVersion() == null || release.previousVersion().isBlank() ? null
                : releaseName(release.app(), release.previousVersion());
        // whole hours only: the hour still running would read as a dip in sessions
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        Map<Instant, long[]> hours = new TreeMap<>();
        for (Instant s = start; s.isBefore(end); s = s.plus(CHUNK)) {
            Instant e = s.plus(CHUNK).isBefore(end) ? s.plus(CHUNK) : end;
            JsonNode answer = get(organization, query(field, project, canary, baseline, s, e));
            add(hours, answer, field, canary, baseline, organization);
        }
        List<Sample> samples = new ArrayList<>();
        hours.forEach((hourStart, h) -> {
            Instant at = hourStart.plus(HOUR);
            Measure c = h[1] > 0 ? new Measure.Counts(h[0], h[1]) : null;
            Measure b = baseline != null && h[3] > 0 ? new Measure.Counts(h[2], h[3]) : null;
            if (at.isAfter(from) && !at.isAfter(to) && (c != null || b != null)) {
                samples.add(new Sample(at, c, b));
            }
        });
        return samples;
    }

    /** Sentry's release naming ({@code package@version}); a plan without an app names the release by its version. */
    static String releaseName(String app, String version) {
        return app == null || app.isBlank() ? version : app + "@" + version;
    }

    private static String text(MetricDef def, String key) {
        Object v = def.query().get(key);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    private static String query(SessionField field, String project, String canary, String baseline, Instant start, Instant end) {
        String releases = "release:" + quoted(canary) + (baseline == null ? "" : " OR release:" + quoted(baseline));
        // a number is a project id; anything else a slug, which organization endpoints take as projectSlug
        String projectParam = project.matches("-?\\d+") ? "project" : "projectSlug";
        return "field=" + enc(field.aggregate()) + "&groupBy=release&groupBy=session.status&" + projectParam + "=" + enc(project)
                + "&query=" + enc(releases) + "&interval=1h&start=" + enc(start.toString()) + "&end=" + enc(end.toString())
                + "&includeTotals=0";
    }

    private static String quoted(String release) {
        return "\"" + release.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Adds each group's series to its hour: h[0..1] canary bad/total, h[2..3] baseline bad/total. */
    private static void add(Map<Instant, long[]> hours, JsonNode answer, SessionField field, String canary, String baseline,
                            String organization) {
        List<Instant> intervals = new ArrayList<>();
        for (JsonNode i : answer.path("intervals")) {
            try {
                intervals.add(Instant.parse(i.asText()));
            } catch (DateTimeParseException e) {
                throw new Unavailable("Sentry answered the sessions query of " + organization + " with interval '" + i.asText()
                        + "', which is not a time");
            }
        }
        for (int i = 1; i < intervals.size(); i++) {
            // each sample is stamped at its interval's start + 1 h: a coarser answer would be stamped wrongly
            if (!Duration.between(intervals.get(i - 1), intervals.get(i)).equals(HOUR)) {
                throw new Unavailable("Sentry answered the sessions query of " + organization + " with intervals "
                        + intervals.get(i - 1) + " and " + intervals.get(i) + ", not the hours asked for");
            }
        }
        for (JsonNode group : answer.path("groups")) {
            String release = group.path("by").path("release").asText("");
            int side = release.equals(canary) ? 0 : release.equals(baseline) ? 2 : -1;
            if (side < 0) {
                continue;
            }
            boolean bad = field.bad().contains(group.path("by").path("session.status").asText(""));
            JsonNode series = group.path("series").path(field.aggregate());
            for (int i = 0; i < intervals.size() && i < series.size(); i++) {
                JsonNode v = series.get(i);
                if (v == null || !v.isNumber() || v.asLong() <= 0) {
                    // null: no sessions in that hour; nothing to add
                    continue;
                }
                long[] h = hours.computeIfAbsent(intervals.get(i), k -> new long[4]);
                h[side + 1] += v.asLong();
                if (bad) {
                    h[side] += v.asLong();
                }
            }
        }
    }

    private JsonNode get(String organization, String query) {
        URI uri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/api/0/organizations/" + enc(organization) + "/sessions/?" + query);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json").GET().build());
        } catch (RolloutTarget.Unavailable | RolloutTarget.Refused e) {
            throw new Unavailable("Sentry sessions of " + organization + ": " + e.getMessage());
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new Unavailable("Sentry refused the token for organization " + organization + " (" + status + detail(response)
                    + "): check spec.sources.sentry.token and that it may read the organization's release health");
        }
        if (status / 100 != 2) {
            throw new Unavailable("Sentry answered " + status + " to the sessions query of " + organization + detail(response));
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new Unavailable("Sentry answered the sessions query of " + organization + " with an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new Unavailable("Sentry answered the sessions query of " + organization + " with a body that is not JSON");
        }
    }

    /** Sentry's {@code {"detail": …}} (a text, or a field's list of texts), or the body's start. */
    private static String detail(HttpResponse<byte[]> response) {
        try {
            JsonNode detail = JSON.readTree(response.body()).path("detail");
            if (detail.isTextual()) {
                return ": " + detail.asText();
            }
            if (!detail.isMissingNode()) {
                return ": " + detail;
            }
        } catch (IOException notJson) {
            // the body's start below
        }
        String snippet = Http.snippet(response);
        return snippet.isEmpty() ? "" : ": " + snippet;
    }

    private String token() {
        try {
            return token.get();
        } catch (Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unavailable("no Sentry auth token (" + e.getClass().getSimpleName() + ")");
        }
    }
}

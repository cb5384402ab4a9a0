package dev.ringmaster.adapters.playvitals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.plan.TargetType;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Source {@code play-vitals} (CONTRACTS.md §1.3): Android vitals' hourly crash and ANR rates from the Google Play
 * Developer Reporting API v1beta1 (REFERENCE-signals §1). Each read asks the metric set how fresh its hourly data is,
 * then queries every versionCode over whole UTC hours up to that point: the canary is the phase target's
 * {@code versionCodes}, the baseline every other versionCode in the same hours. One sample per hour, at the hour's end,
 * with {@code round(rate × distinctUsers)} bad users of {@code distinctUsers}.
 *
 * <p>Play's data lags by hours. A window that wants hours Play does not have yet, while Play's newest hour is more than
 * {@code maxAge} old, is {@link MetricSource.Stale}: missing data, never old data taken as current. A row without a
 * value is no data for that versionCode and hour, never zero.
 */
public final class PlayVitalsMetricSource implements MetricSource {
    public static final String KEY = "play-vitals";
    public static final URI DEFAULT_ENDPOINT = URI.create("https://playdeveloperreporting.googleapis.com");
    public static final String ENDPOINT_ENV = "RINGMASTER_PLAY_REPORTING_ENDPOINT";
    /**
     * Six hours: Play's hourly lag is a few hours (undocumented), so a smaller bound would call ordinary lag stale;
     * beyond six hours the newest hour no longer describes the audience the rollout exposes now (a phase may have
     * widened since), and a halt rule's {@code for: 15m} cannot mean anything on it.
     */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(6);
    static final int PAGE_SIZE = 1000;
    /** 1000 rows a page: a week of hours for 6 versionCodes is 1 page; the cap only stops a server that never ends. */
    private static final int MAX_PAGES = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Supplier<String> accessToken;
    private final Http http;
    private final Clock clock;
    private final Duration maxAge;

    /**
     * @param endpoint    {@link #DEFAULT_ENDPOINT}, or a stand-in ({@code RINGMASTER_PLAY_REPORTING_ENDPOINT}); the API path is kept
     * @param accessToken a bearer token for scope {@link PlayReportingToken#SCOPE}; asked again after a 401 (a
     *                    {@link PlayReportingToken} then fetches a new one whatever its cache holds)
     * @param maxAge      how far Play's newest hourly data may lag behind now before a read that needs newer hours is stale
     */
    public PlayVitalsMetricSource(URI endpoint, Supplier<String> accessToken, Http http, Clock clock, Duration maxAge) {
        this.endpoint = endpoint;
        this.accessToken = accessToken;
        this.http = http;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * The source for {@code spec.sources.play-vitals}: the key behind {@code credentialsRef} (or
     * {@code GOOGLE_APPLICATION_CREDENTIALS}, token_uri honoured), {@code RINGMASTER_PLAY_REPORTING_ENDPOINT} or Google's
     * endpoint, {@link #DEFAULT_MAX_AGE}.
     */
    public static PlayVitalsMetricSource fromReference(String credentialsRef, Secrets secrets, Map<String, String> env, Http http,
                                                       Clock clock) {
        String override = env.get(ENDPOINT_ENV);
        URI endpoint = override == null || override.isBlank() ? DEFAULT_ENDPOINT : URI.create(override.strip());
        return new PlayVitalsMetricSource(endpoint, PlayReportingToken.fromReference(credentialsRef, secrets, env), http, clock,
                DEFAULT_MAX_AGE);
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef def, Release release, Instant from, Instant to) {
        VitalsMetric metric = VitalsMetric.of(def);
        Target target = release.target();
        if (target == null || target.type() != TargetType.GOOGLE_PLAY) {
            throw new Unavailable("play-vitals metric " + def.name() + " reads the phase's google-play target (packageName, "
                    + "versionCodes); this phase's target is " + (target == null ? "not known here" : target.describe()));
        }
        String pkg = target.key("packageName");
        Set<Long> canary = versionCodes(def, target);
        if (pkg == null || pkg.isBlank()) {
            throw new Unavailable("play-vitals metric " + def.name() + ": the google-play target has no packageName");
        }
        Instant latest = latestHourlyEnd(pkg, metric);
        Instant wanted = to.truncatedTo(ChronoUnit.HOURS);
        Instant now = clock.instant();
        if (latest.isBefore(wanted) && latest.isBefore(now.minus(maxAge))) {
            throw new Stale("Play vitals " + metric.name() + ": newest hourly data ends " + latest + ", "
                    + Duration.between(latest, now).toHours() + " h ago; waiting for fresher data");
        }
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = latest.isBefore(wanted) ? latest : wanted;
        if (!start.isBefore(end)) {
            return List.of();
        }
        HourlyCounts counts = new HourlyCounts();
        String pageToken = null;
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = call("POST", pkg, metric.metricSet() + ":query", body(metric, start, end, pageToken),
                    metric.metricSet() + ":query");
            for (JsonNode row : answer.path("rows")) {
                addRow(counts, row, metric, pkg, canary);
            }
            pageToken = answer.path("nextPageToken").asText("");
            if (pageToken.isEmpty()) {
                return counts.samples(from, to);
            }
            if (!seen.add(pageToken)) {
                throw new Unavailable("Play Developer Reporting repeated page token of " + metric.metricSet() + ":query for " + pkg);
            }
        }
        throw new Unavailable("Play Developer Reporting answered more than " + MAX_PAGES + " pages of " + metric.metricSet()
                + ":query for " + pkg);
    }

    /** The canary's versionCodes: int64 in the plan, as numbers or strings. */
    private static Set<Long> versionCodes(MetricDef def, Target target) {
        Set<Long> codes = new LinkedHashSet<>();
        for (String c : target.list("versionCodes")) {
            try {
                codes.add(Long.parseLong(c.strip()));
            } catch (NumberFormatException e) {
                throw new Unavailable("play-vitals metric " + def.name() + ": target versionCode '" + c + "' is not a number");
            }
        }
        if (codes.isEmpty()) {
            throw new Unavailable("play-vitals metric " + def.name() + ": the google-play target has no versionCodes");
        }
        return codes;
    }

    /** The metric set's HOURLY {@code latestEndTime} (exclusive): hours before it are complete. */
    private Instant latestHourlyEnd(String pkg, VitalsMetric metric) {
        JsonNode set = call("GET", pkg, metric.metricSet(), null, metric.metricSet());
        for (JsonNode f : set.path("freshnessInfo").path("freshnesses")) {
            if ("HOURLY".equals(f.path("aggregationPeriod").asText())) {
                try {
                    return ReportingDateTime.parse(f.path("latestEndTime"));
                } catch (IllegalArgumentException e) {
                    throw new Unavailable("Play Developer Reporting answered " + metric.metricSet() + " for " + pkg
                            + " with an HOURLY freshness that is not a time: " + e.getMessage());
                }
            }
        }
        throw new Unavailable("Play Developer Reporting has no HOURLY freshness in " + metric.metricSet() + " for " + pkg
                + ": no hourly data to read");
    }

    private static String body(VitalsMetric metric, Instant start, Instant end, String pageToken) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode timeline = body.putObject("timelineSpec");
        timeline.put("aggregationPeriod", "HOURLY");
        timeline.set("startTime", ReportingDateTime.hourly(start));
        timeline.set("endTime", ReportingDateTime.hourly(end));
        body.putArray("dimensions").add("versionCode");
        body.putArray("metrics").add(metric.name()).add("distinctUsers");
        body.put("pageSize", PAGE_SIZE);
        if (pageToken != null && !pageToken.isEmpty()) {
            body.put("pageToken", pageToken);
        }
        return body.toString();
    }

    /** One row: a versionCode in one hour. A row without the rate or its users is no data, never zero. */
    private static void addRow(HourlyCounts counts, JsonNode row, VitalsMetric metric, String pkg, Set<Long> canary) {
        Instant hour;
        try {
            hour = ReportingDateTime.parse(row.path("startTime"));
        } catch (IllegalArgumentException e) {
            throw new Unavailable("Play Developer Reporting answered a row for " + pkg + " whose startTime is " + e.getMessage());
        }
        Long versionCode = versionCode(row);
        BigDecimal rate = decimal(row, metric.name());
        BigDecimal users = decimal(row, "distinctUsers");
        if (versionCode == null || rate == null || users == null || users.signum() <= 0) {
            return;
        }
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new Unavailable("Play vitals " + metric.name() + " for " + pkg + ": versionCode " + versionCode + " at " + hour
                    + " has " + metric.name() + " " + rate.toPlainString() + ", outside 0–1: the rate's scale is not the "
                    + "expected fraction, so none of this metric is read");
        }
        long total = users.setScale(0, RoundingMode.HALF_UP).longValueExact();
        long bad = rate.multiply(users).setScale(0, RoundingMode.HALF_UP).longValueExact();
        counts.add(hour, canary.contains(versionCode), Math.min(bad, total), total);
    }

    private static Long versionCode(JsonNode row) {
        for (JsonNode d : row.path("dimensions")) {
            if ("versionCode".equals(d.path("dimension").asText())) {
                // int64 travels as a JSON string; stringValue too in case a dimension is typed so
                String v = d.has("int64Value") ? d.path("int64Value").asText("") : d.path("stringValue").asText("");
                try {
                    return Long.parseLong(v.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A {@code google.type.Decimal} value: a string, exponent allowed; empty or missing is no value. */
    private static BigDecimal decimal(JsonNode row, String metric) {
        for (JsonNode m : row.path("metrics")) {
            if (metric.equals(m.path("metric").asText())) {
                String v = m.path("decimalValue").path("value").asText("").strip();
                if (v.isEmpty()) {
                    return null;
                }
                try {
                    return new BigDecimal(v);
                } catch (NumberFormatException e) {
                    throw new Unavailable("Play Developer Reporting answered " + metric + " '" + v + "', which is not a decimal");
                }
            }
        }
        return null;
    }

    private JsonNode call(String method, String pkg, String resource, String body, String operation) {
        String path = "/v1beta1/apps/" + URLEncoder.encode(pkg, StandardCharsets.UTF_8) + "/" + resource;
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(method, path, body, token(false)));
            if (response.statusCode() == 401) {
                // the cached token was revoked or expired early: one new token, one more try
                response = http.send(request(method, path, body, token(true)));
            }
        } catch (RolloutTarget.Unavailable | RolloutTarget.Refused e) {
            throw new Unavailable("Play Developer Reporting " + operation + " for " + pkg + ": " + e.getMessage());
        }
        if (response.statusCode() / 100 != 2) {
            ReportingError error = ReportingError.of(response);
            throw new Unavailable("Play Developer Reporting answered " + operation + " for " + pkg + " with " + error + error.hint());
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new Unavailable("Play Developer Reporting answered " + operation + " for " + pkg + " with an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new Unavailable("Play Developer Reporting answered " + operation + " for " + pkg + " with a body that is not JSON");
        }
    }

    private String token(boolean fresh) {
        try {
            return fresh && accessToken instanceof PlayReportingToken t ? t.refreshed() : accessToken.get();
        } catch (Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            // a supplier's own message may hold what it read: name the failure only
            throw new Unavailable("no access token for Play Developer Reporting (" + e.getClass().getSimpleName() + ")");
        }
    }

    private HttpRequest request(String method, String path, String body, String token) {
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json; charset=UTF-8")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}

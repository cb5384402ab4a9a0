package dev.ringmaster.testkit.standin;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Google Play Developer Reporting API v1beta1 crash and ANR metric sets and Google's token endpoint on a loopback
 * port (REFERENCE-signals §1), answering from a {@link Data} function the caller provides (a test's table, or the
 * simulator's truth). {@code GET …/crashRateMetricSet} (and {@code anrRateMetricSet}) answers the freshness set with
 * {@link #setFreshness}; {@code POST …:query} answers HOURLY rows per versionCode with the API's shapes (int64 dimension
 * values and decimal metric values as strings, zero fields of a DateTime left out), in pages with {@code nextPageToken}.
 * It refuses what the API refuses: a non-UTC or sub-hour HOURLY bound, an end after the freshness, a metric not in the
 * set, an unknown app, a token it did not issue for a JWT signed by its own service-account key with the reporting scope.
 * Only the {@code versionCode} dimension and {@code versionCode = N} filters are served; DAILY is not.
 */
public final class PlayReportingStandIn implements AutoCloseable {
    public static final String EMAIL = "ringmaster-vitals@ringmaster-standin.iam.gserviceaccount.com";
    static final String SCOPE = "https://www.googleapis.com/auth/playdeveloperreporting";
    private static final Pattern SET = Pattern.compile("/v1beta1/apps/([^/:]+)/(crashRateMetricSet|anrRateMetricSet)");
    private static final Pattern QUERY = Pattern.compile("/v1beta1/apps/([^/:]+)/(crashRateMetricSet|anrRateMetricSet):query");
    private static final Pattern FILTER = Pattern.compile("\\s*versionCode\\s*=\\s*(\\d+)\\s*");
    private static final Map<String, List<String>> METRICS = Map.of(
            "crashRateMetricSet", List.of("crashRate", "userPerceivedCrashRate", "crashRate7dUserWeighted",
                    "crashRate28dUserWeighted", "userPerceivedCrashRate7dUserWeighted", "userPerceivedCrashRate28dUserWeighted",
                    "distinctUsers"),
            "anrRateMetricSet", List.of("anrRate", "userPerceivedAnrRate", "anrRate7dUserWeighted", "anrRate28dUserWeighted",
                    "userPerceivedAnrRate7dUserWeighted", "userPerceivedAnrRate28dUserWeighted", "distinctUsers"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The truth the stand-in serves: for a rate metric ({@code crashRate}, {@code anrRate}, …), a versionCode and an
     * hour (its UTC start), {@code {rate (0–1), distinctUsers}}, or empty when Play has no data for it.
     */
    @FunctionalInterface
    public interface Data {
        Optional<double[]> at(String metric, long versionCode, Instant hourStart);
    }

    private final GoogleTokenEndpoint google = new GoogleTokenEndpoint(EMAIL, SCOPE, "ya29.reporting-standin-");
    private final WireMockServer server;
    private final String packageName;
    private final Data data;
    private List<Long> versionCodes;
    private Instant freshness;
    private final List<String> requests = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private ResponseDefinition failure;
    private int failures;

    private PlayReportingStandIn(String packageName, List<Long> versionCodes, Data data) {
        this.packageName = packageName;
        this.versionCodes = List.copyOf(versionCodes);
        this.data = data;
        this.freshness = Instant.now().truncatedTo(ChronoUnit.HOURS);
        this.server = StandInServer.create("play-reporting-stand-in", this::handle);
    }

    /**
     * A stand-in for one app on a free loopback port, with a freshly generated service-account key; its hourly data is
     * complete up to the start of the current hour until {@link #setFreshness} says otherwise.
     *
     * @param versionCodes every versionCode Play has data for (the canary's and the others'): rows are asked of {@code data}
     */
    public static PlayReportingStandIn start(String packageName, List<Long> versionCodes, Data data) {
        PlayReportingStandIn standIn = new PlayReportingStandIn(packageName, versionCodes, data);
        StandInServer.start(standIn.server);
        return standIn;
    }

    /** Replaces {@code https://playdeveloperreporting.googleapis.com} (RINGMASTER_PLAY_REPORTING_ENDPOINT). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    public String tokenUri() {
        return endpoint() + "/token";
    }

    /** A service-account key file whose {@code token_uri} points at this stand-in. */
    public String serviceAccountKeyJson() {
        return google.keyJson(tokenUri(), "3e1c5a7b9d2f4e6a8c0b1d3f5a7c9e2b4d6f8a0c", "117722446688001133559");
    }

    /** Play's hourly data is complete up to {@code latestEndTime} (exclusive, whole hours): the metric sets' HOURLY freshness. */
    public synchronized void setFreshness(Instant latestEndTime) {
        this.freshness = latestEndTime.truncatedTo(ChronoUnit.HOURS);
    }

    /** The versionCodes Play has data for from now on (a new release's codes appear). */
    public synchronized void setVersionCodes(List<Long> versionCodes) {
        this.versionCodes = List.copyOf(versionCodes);
    }

    /** Every request received, in order, as "METHOD path" (token requests too). */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the {@code :query} requests, in order. */
    public synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    /**
     * The next {@code times} API requests (not token requests) answer {@code status} with {@code body} (Google's error
     * JSON, or anything); 429 and 503 carry {@code Retry-After: 1}.
     */
    public synchronized void failNext(int status, String body, int times) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
        if (status == 429 || status == 503) {
            b = b.withHeader("Retry-After", "1");
        }
        failure = b.build();
        failures = times;
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
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (method.equals("POST") && path.equals("/token")) {
            return google.grant(request.getBodyAsString());
        }
        if (failures > 0) {
            failures--;
            return failure;
        }
        String auth = request.getHeader("Authorization");
        if (!google.authorized(auth)) {
            return error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access "
                    + "token, login cookie or other valid authentication credential. See "
                    + "https://developers.google.com/identity/sign-in/web/devconsole-project.");
        }
        Matcher m;
        if (method.equals("POST") && (m = QUERY.matcher(path)).matches()) {
            if (!m.group(1).equals(packageName)) {
                return notFound();
            }
            queries.add(request.getBodyAsString());
            return query(m.group(2), request.getBodyAsString());
        }
        if (method.equals("GET") && (m = SET.matcher(path)).matches()) {
            return m.group(1).equals(packageName) ? metricSet(m.group(2)) : notFound();
        }
        return error(404, "NOT_FOUND", "The requested URL " + rawPath + " was not found on this server.");
    }

    /** The metric set: its name and freshness, DAILY (Los Angeles days, lagging a day) and HOURLY (UTC). */
    private ResponseDefinition metricSet(String set) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "apps/" + packageName + "/" + set);
        ArrayNode freshnesses = body.putObject("freshnessInfo").putArray("freshnesses");
        ZonedDateTime laDay = freshness.atZone(java.time.ZoneId.of("America/Los_Angeles")).truncatedTo(ChronoUnit.DAYS).minusDays(1);
        ObjectNode daily = freshnesses.addObject().put("aggregationPeriod", "DAILY");
        ObjectNode d = daily.putObject("latestEndTime").put("year", laDay.getYear()).put("month", laDay.getMonthValue())
                .put("day", laDay.getDayOfMonth());
        d.putObject("timeZone").put("id", "America/Los_Angeles");
        freshnesses.addObject().put("aggregationPeriod", "HOURLY").set("latestEndTime", dateTime(freshness));
        return json(200, body);
    }

    private ResponseDefinition query(String set, String text) {
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (IOException e) {
            return invalid("Invalid JSON payload received.");
        }
        if (body == null || !body.isObject()) {
            return invalid("Invalid JSON payload received.");
        }
        JsonNode timeline = body.path("timelineSpec");
        if (!"HOURLY".equals(timeline.path("aggregationPeriod").asText())) {
            return invalid("This stand-in serves aggregationPeriod HOURLY only.");
        }
        Instant start;
        Instant end;
        try {
            start = hourlyBound(timeline.path("startTime"));
            end = hourlyBound(timeline.path("endTime"));
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        if (!start.isBefore(end)) {
            return invalid("timeline_spec.start_time must be before timeline_spec.end_time.");
        }
        if (end.isAfter(freshness)) {
            return invalid("timeline_spec.end_time is after the latest available data (" + freshness + ").");
        }
        List<String> metrics = new ArrayList<>();
        for (JsonNode mt : body.path("metrics")) {
            if (!METRICS.get(set).contains(mt.asText())) {
                return invalid("Metric '" + mt.asText() + "' is not supported by " + set + ".");
            }
            metrics.add(mt.asText());
        }
        if (metrics.isEmpty()) {
            return invalid("At least one metric must be requested.");
        }
        for (JsonNode dim : body.path("dimensions")) {
            if (!"versionCode".equals(dim.asText())) {
                return invalid("This stand-in serves dimension versionCode only, not '" + dim.asText() + "'.");
            }
        }
        boolean byVersion = body.path("dimensions").size() > 0;
        Long only = null;
        String filter = body.path("filter").asText("");
        if (!filter.isBlank()) {
            Matcher f = FILTER.matcher(filter);
            if (!f.matches()) {
                return invalid("This stand-in serves filters 'versionCode = N' only, not '" + filter + "'.");
            }
            only = Long.parseLong(f.group(1));
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (Instant h = start; h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
            if (byVersion) {
                for (long code : versionCodes) {
                    if (only == null || only == code) {
                        row(set, metrics, h, List.of(code), true).ifPresent(rows::add);
                    }
                }
            } else {
                row(set, metrics, h, only == null ? versionCodes : List.of(only), false).ifPresent(rows::add);
            }
        }
        int size = body.path("pageSize").asInt(1000);
        size = size <= 0 ? 1000 : Math.min(size, 100_000);
        int offset = 0;
        String token = body.path("pageToken").asText("");
        if (!token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return invalid("Invalid page token.");
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode out = answer.putArray("rows");
        rows.subList(Math.min(offset, rows.size()), Math.min(offset + size, rows.size())).forEach(out::add);
        if (offset + size < rows.size()) {
            answer.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(offset + size).getBytes(StandardCharsets.UTF_8)));
        }
        return json(200, answer);
    }

    /**
     * One row for the hour: each rate from {@link #data}, distinctUsers with it; versionCodes summed when the query has
     * no versionCode dimension (users weighted), no row when none has data.
     */
    private Optional<ObjectNode> row(String set, List<String> metrics, Instant hour, List<Long> codes, boolean dimension) {
        String probe = metrics.stream().filter(x -> !x.equals("distinctUsers")).findFirst()
                .orElse(set.equals("crashRateMetricSet") ? "crashRate" : "anrRate");
        Map<String, double[]> sums = new HashMap<>();
        for (String metric : metrics.contains(probe) ? metrics : concat(metrics, probe)) {
            if (metric.equals("distinctUsers")) {
                continue;
            }
            for (long code : codes) {
                Optional<double[]> v = data.at(metric, code, hour);
                if (v.isPresent()) {
                    double[] s = sums.computeIfAbsent(metric, k -> new double[2]);
                    s[0] += v.get()[0] * v.get()[1];
                    s[1] += v.get()[1];
                }
            }
        }
        if (!sums.containsKey(probe)) {
            return Optional.empty();
        }
        ObjectNode row = JSON.createObjectNode();
        row.put("aggregationPeriod", "HOURLY");
        row.set("startTime", dateTime(hour));
        if (dimension) {
            row.putArray("dimensions").addObject().put("dimension", "versionCode").put("int64Value", Long.toString(codes.get(0)));
        }
        ArrayNode values = row.putArray("metrics");
        for (String metric : metrics) {
            String value;
            if (metric.equals("distinctUsers")) {
                value = BigDecimal.valueOf(Math.round(sums.get(probe)[1])).toPlainString();
            } else {
                double[] s = sums.get(metric);
                value = s == null || s[1] <= 0 ? "" : BigDecimal.valueOf(s[0] / s[1]).toPlainString();
            }
            values.addObject().put("metric", metric).putObject("decimalValue").put("value", value);
        }
        return Optional.of(row);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }

    /** An HOURLY bound as the API insists on it: UTC, whole hours. */
    private static Instant hourlyBound(JsonNode d) {
        if (!d.isObject()) {
            throw new IllegalArgumentException("timeline_spec start_time and end_time are required.");
        }
        if (!"UTC".equals(d.path("timeZone").path("id").asText())) {
            throw new IllegalArgumentException("HOURLY aggregation period requires the UTC time zone.");
        }
        if (d.path("minutes").asInt(0) != 0 || d.path("seconds").asInt(0) != 0 || d.path("nanos").asInt(0) != 0) {
            throw new IllegalArgumentException("HOURLY aggregation period requires minutes, seconds and nanos to be unset.");
        }
        try {
            return LocalDateTime.of(d.path("year").asInt(), d.path("month").asInt(), d.path("day").asInt(), d.path("hours").asInt(0), 0)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid date time in timeline_spec.");
        }
    }

    /** A google.type.DateTime in UTC as the API's JSON writes it: zero fields left out (midnight has no hours). */
    private static ObjectNode dateTime(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        ObjectNode d = JSON.createObjectNode().put("year", t.getYear()).put("month", t.getMonthValue()).put("day", t.getDayOfMonth());
        if (t.getHour() != 0) {
            d.put("hours", t.getHour());
        }
        d.putObject("timeZone").put("id", "UTC");
        return d;
    }


    private static ResponseDefinition notFound() {
        return error(404, "NOT_FOUND", "Requested entity was not found.");
    }

    private static ResponseDefinition invalid(String message) {
        return error(400, "INVALID_ARGUMENT", message);
    }

    private static ResponseDefinition error(int code, String status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return json(code, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body.toString()).build();
    }
}

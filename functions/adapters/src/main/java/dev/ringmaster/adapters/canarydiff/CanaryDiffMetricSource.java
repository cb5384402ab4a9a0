package dev.ringmaster.adapters.canarydiff;

import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.gate.Measure;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Source {@code canary-diff} (CONTRACTS.md §1.3, seed 004): shadow traffic sent to both stable and canary, and the
 * share of samples whose results differ, a rate gated like "tolerance 0.5 % on 1,000 samples". The pipeline posts a
 * results document (docs/sources.md) to {@code query.url} ({@code file:} or {@code https://})
 * or to {@code resultsDir/{rolloutId}.json}; each run of the canary's version in {@code (from, to]} is one sample of
 * {@code mismatches} bad of {@code samples}, with no baseline (the comparison already is one).
 *
 * <p>{@code query.samples} is the evidence the plan asks for: a window whose runs hold fewer samples in all has no
 * data (the gate stays inconclusive), never a pass on a handful of comparisons. Runs are not dropped one by one: two
 * runs of 500 are the 1,000 samples the plan wants. A document not posted yet is no data; one that cannot be read is
 * {@link MetricSource.Unavailable}, naming the field.
 */
public final class CanaryDiffMetricSource implements MetricSource {
    public static final String KEY = "canary-diff";
    /** CONTRACTS.md §1: rollout ids; anything else never becomes a file name. */
    private static final Pattern ROLLOUT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private final Path resultsDir;
    private final Http http;
    private final Map<String, CanaryDiffReport> last = new ConcurrentHashMap<>();

    /**
     * @param resultsDir where the pipeline writes {@code {rolloutId}.json} for metrics without {@code query.url}; null
     *                   when every metric gives its url
     * @param http       for {@code https://} urls
     */
    public CanaryDiffMetricSource(Path resultsDir, Http http) {
        this.resultsDir = resultsDir;
        this.http = http;
    }

    /** Reads a results document; {@link MetricSource.Unavailable} naming the field when it is malformed. */
    public static CanaryDiffReport parse(String json, String source) {
        return CanaryDiffJson.parse(json, source);
    }

    /** The last document read for a rollout, every run in it (other versions too), for the report to show. */
    public Optional<CanaryDiffReport> lastReport(String rolloutId) {
        return Optional.ofNullable(last.get(rolloutId));
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef def, Release release, Instant from, Instant to) {
        long minSamples = minSamples(def);
        Optional<CanaryDiffReport> found = fetch(def, release);
        if (found.isEmpty()) {
            return List.of();
        }
        CanaryDiffReport report = found.get();
        if (report.rolloutId() != null && !report.rolloutId().equals(release.rolloutId())) {
            throw new Unavailable("canary-diff results " + report.source() + " are for rollout " + report.rolloutId() + ", not "
                    + release.rolloutId());
        }
        last.put(release.rolloutId(), report);
        List<CanaryDiffReport.Run> runs = new ArrayList<>();
        long samples = 0;
        for (CanaryDiffReport.Run run : report.runs()) {
            // another version's runs (the last release's, still in the document) say nothing about this canary
            if (run.version().equals(release.version()) && run.at().isAfter(from) && !run.at().isAfter(to) && run.samples() > 0) {
                runs.add(run);
                samples += run.samples();
            }
        }
        if (samples < minSamples) {
            return List.of();
        }
        runs.sort(Comparator.comparing(CanaryDiffReport.Run::at));
        List<Sample> out = new ArrayList<>();
        for (CanaryDiffReport.Run run : runs) {
            out.add(new Sample(run.at(), new Measure.Counts(run.mismatches(), run.samples()), null));
        }
        return out;
    }

    private static long minSamples(MetricDef def) {
        Object v = def.query().get("samples");
        double n = Double.NaN;
        if (v instanceof Number num) {
            n = num.doubleValue();
        } else if (v != null) {
            try {
                n = Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                // below
            }
        }
        if (!(n >= 1) || n != Math.rint(n)) {
            throw new Unavailable("canary-diff metric " + def.name() + ": query.samples must be a whole number ≥ 1, not "
                    + (v == null ? "missing" : "'" + v + "'"));
        }
        return (long) n;
    }

    /** The document, or empty when it has not been posted yet. */
    private Optional<CanaryDiffReport> fetch(MetricDef def, Release release) {
        Object url = def.query().get("url");
        if (url == null || url.toString().isBlank()) {
            if (resultsDir == null) {
                throw new Unavailable("canary-diff metric " + def.name() + ": no query.url, and no results directory is configured");
            }
            if (!ROLLOUT_ID.matcher(release.rolloutId()).matches()) {
                throw new Unavailable("canary-diff metric " + def.name() + ": rollout id '" + release.rolloutId() + "' is no file name");
            }
            return file(resultsDir.resolve(release.rolloutId() + ".json"));
        }
        String u = url.toString().strip().replace("{rolloutId}", release.rolloutId())
                .replace("{version}", release.version() == null ? "" : release.version());
        if (u.startsWith("file:")) {
            return file(Path.of(u.substring(5)));
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new Unavailable("canary-diff metric " + def.name() + ": query.url '" + u + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback(uri))) {
            throw new Unavailable("canary-diff metric " + def.name() + ": query.url must be file: or https:// (plain http only on "
                    + "loopback), not '" + u + "'");
        }
        return web(uri);
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    private static Optional<CanaryDiffReport> file(Path path) {
        try {
            return Optional.of(parse(Files.readString(path, StandardCharsets.UTF_8), path.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new Unavailable("canary-diff results " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Optional<CanaryDiffReport> web(URI uri) {
        // the query string may carry a signature: messages name the path only
        String shown = uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build());
        } catch (RolloutTarget.Unavailable | RolloutTarget.Refused e) {
            throw new Unavailable("canary-diff results " + shown + ": " + e.getMessage());
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw new Unavailable("canary-diff results " + shown + " answered " + response.statusCode() + ": " + Http.snippet(response));
        }
        return Optional.of(parse(new String(response.body(), StandardCharsets.UTF_8), shown));
    }
}

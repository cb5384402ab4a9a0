package dev.ringmaster.adapters.live;

import dev.ringmaster.adapters.canarydiff.CanaryDiffMetricSource;
import dev.ringmaster.adapters.cloudwatch.CloudWatchMetricSource;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.adapters.metrics.StaticMetricSource;
import dev.ringmaster.adapters.playvitals.PlayVitalsMetricSource;
import dev.ringmaster.adapters.prometheus.PrometheusMetricSource;
import dev.ringmaster.adapters.secrets.Secrets;
import dev.ringmaster.adapters.sentry.SentryMetricSource;
import dev.ringmaster.core.gate.Sample;
import dev.ringmaster.core.plan.MetricDef;
import dev.ringmaster.core.plan.Sources;
import dev.ringmaster.core.port.MetricSource;
import dev.ringmaster.core.port.Release;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The real metric sources (docs/sources.md), each reached where the plan's {@code spec.sources} says, or where the
 * environment overrides it ({@code RINGMASTER_PROMETHEUS_URL}, …): one adapter per connection, made on first use and
 * kept, so one deployment reads each plan's own Prometheus, Sentry organization or Play key. Used alike by the
 * Lambdas and {@code ringmaster gate}. {@code report}, {@code webhook} and {@code app-review} metrics are not read
 * from a metrics system: their readers are added {@link #with} (the rollout's recorded signals, the App Review target).
 */
public final class LiveSources implements MetricSource {
    public static final String PROMETHEUS_URL = "ringmaster.prometheus.url";
    public static final String CANARY_DIFF_DIR = "ringmaster.canary-diff.dir";
    public static final Set<String> SOURCES = Set.of(StaticMetricSource.KEY, PrometheusMetricSource.KEY, CloudWatchMetricSource.KEY,
            PlayVitalsMetricSource.KEY, SentryMetricSource.KEY, "canary-diff");

    private final Map<String, MetricSource> adapters = new ConcurrentHashMap<>();
    private final Set<String> extras = ConcurrentHashMap.newKeySet();
    private final StaticMetricSource statics = new StaticMetricSource();
    private final Function<String, Optional<String>> setting;
    private final Map<String, String> env;
    private final Clock clock;
    private final Supplier<Secrets> secrets;
    private final Http http;
    private final CanaryDiffMetricSource canaryDiff;

    private LiveSources(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock, Supplier<Secrets> secrets) {
        this.setting = setting;
        this.env = env;
        this.clock = clock;
        this.secrets = secrets;
        this.http = new Http(Http.client(), Http.Policy.DEFAULT, "metric source");
        // Play and Sentry name themselves in their errors; Prometheus is named with its URL below.
        this.canaryDiff = new CanaryDiffMetricSource(Path.of(setting.apply(CANARY_DIFF_DIR).orElse(".ringmaster/canary-diff")), http);
    }

    /**
     * @param setting a setting by its dotted name ({@code ringmaster.prometheus.url}); Quarkus reads
     *                {@code RINGMASTER_PROMETHEUS_URL} into the same key
     * @param env     the process environment (GOOGLE_APPLICATION_CREDENTIALS, RINGMASTER_PLAY_REPORTING_ENDPOINT,
     *                RINGMASTER_SENTRY_URL, AWS_REGION, RINGMASTER_AWS_ENDPOINT)
     */
    public static LiveSources from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock) {
        Secrets[] made = new Secrets[1];
        // Credentials are resolved on a source's first read: a deployment that reads only static metrics needs no AWS.
        return new LiveSources(setting, env, clock, () -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = AwsAccess.secrets(AwsAccess.of(setting, env), env, clock);
                }
                return made[0];
            }
        });
    }

    /** With the given credential resolver (tests, a stand-in's key). */
    public static LiveSources from(Function<String, Optional<String>> setting, Map<String, String> env, Clock clock, Secrets secrets) {
        return new LiveSources(setting, env, clock, () -> secrets);
    }

    /**
     * This with another source: App Store Connect's review verdict ({@code app-review}) comes from the App Review
     * target the deployment's settings configure.
     */
    public LiveSources with(String source, MetricSource adapter) {
        adapters.put(source, adapter);
        extras.add(source);
        return this;
    }

    /** The sources this build reads. */
    public Set<String> registered() {
        Set<String> all = new java.util.TreeSet<>(SOURCES);
        all.addAll(extras);
        return all;
    }

    @Override
    public List<Sample> read(MetricDef metric, String rolloutId, String version, Instant from, Instant to) {
        return read(metric, new Release(rolloutId, null, version, null, null, null), from, to);
    }

    @Override
    public List<Sample> read(MetricDef metric, Release release, Instant from, Instant to) {
        return adapter(metric.source(), release.sources()).read(metric, release, from, to);
    }

    /** The environment's URL wins over the plan's (a stand-in, a staging Prometheus); header references resolved once. */
    private MetricSource prometheus(Sources.Prometheus config) {
        Optional<String> url = setting.apply(PROMETHEUS_URL).or(() -> Optional.ofNullable(config == null ? null : config.url()));
        if (url.isEmpty()) {
            throw new Unavailable("no Prometheus URL: give spec.sources.prometheus.url or set RINGMASTER_PROMETHEUS_URL");
        }
        Map<String, String> headers = config == null ? Map.of() : config.headers();
        return adapters.computeIfAbsent("prometheus " + url.get() + " " + headers, k -> {
            Map<String, String> resolved = new java.util.LinkedHashMap<>();
            headers.forEach((name, value) -> resolved.put(name, Secrets.isReference(value) ? resolve(value) : value));
            // Named with its URL, so "unreachable" says which Prometheus (never a header: they carry tokens).
            return new PrometheusMetricSource(java.net.URI.create(url.get()), resolved,
                    new Http(Http.client(), Http.Policy.DEFAULT, "Prometheus at " + url.get()));
        });
    }

    private String resolve(String reference) {
        try {
            return secrets.get().resolve(reference);
        } catch (Secrets.Unresolved e) {
            throw new Unavailable(e.getMessage());
        }
    }

    private MetricSource adapter(String source, Sources sources) {
        if (extras.contains(source)) {
            return adapters.get(source);
        }
        return switch (source) {
            case StaticMetricSource.KEY -> statics;
            case "canary-diff" -> canaryDiff;
            case PlayVitalsMetricSource.KEY -> {
                String key = sources.playVitals() == null ? null : sources.playVitals().credentials();
                yield adapters.computeIfAbsent("play-vitals " + key,
                        k -> PlayVitalsMetricSource.fromReference(key, secrets.get(), env, http, clock));
            }
            case SentryMetricSource.KEY -> {
                Sources.Sentry sentry = sources.sentry();
                if (sentry == null) {
                    throw new Unavailable("no spec.sources.sentry in the plan: give its org and a token reference");
                }
                yield adapters.computeIfAbsent("sentry " + sentry, k -> SentryMetricSource.fromSources(sentry, secrets.get(), env, http));
            }
            case PrometheusMetricSource.KEY -> prometheus(sources.prometheus());
            case CloudWatchMetricSource.KEY -> {
                String region = sources.cloudwatch() != null ? sources.cloudwatch().region()
                        : setting.apply(LiveTargets.AWS_REGION).or(() -> Optional.ofNullable(env.get("AWS_REGION"))).orElse(null);
                if (region == null) {
                    throw new Unavailable("no CloudWatch region: give spec.sources.cloudwatch.region or set AWS_REGION");
                }
                yield adapters.computeIfAbsent("cloudwatch " + region,
                        k -> new CloudWatchMetricSource(AwsAccess.cloudWatch(setting, env, region)));
            }
            default -> throw new Unavailable("no adapter for source '" + source + "' in this build");
        };
    }
}

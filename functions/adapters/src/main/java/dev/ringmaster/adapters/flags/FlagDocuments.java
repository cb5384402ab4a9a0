package dev.ringmaster.adapters.flags;

import dev.ringmaster.core.plan.FlagAudience;
import dev.ringmaster.core.plan.FlagStore;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Phase;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.FlagWriter;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The plan's flag store and the {@code feature-flag} target (CONTRACTS.md §1.2), on a real flag document: a
 * JSON file ({@code provider: json, url: file:…}), a JSON object in S3 ({@code url: s3://BUCKET/KEY}) or an
 * AppConfig feature-flag profile ({@code provider: appconfig, application, environment, profile}). Each call
 * does what the simulated flag store (testkit {@code SimFlagStore}) does, so a plan behaves the same on both:
 * a target with {@code flag: canary} keeps {@code canary.enabled}, {@code canary.version} and either
 * {@code canary.percentage} (percent phases) or {@code canary.cohorts.<cohort>.enabled/percentage} (cohort
 * phases, seed 004). Every change is an absolute value written with the store's conditional write and made
 * again on a fresh read when another writer won, so no writer's flags are lost and a repeated call writes
 * nothing. A store this deployment has no client for is refused, naming what is missing.
 */
public final class FlagDocuments implements FlagWriter, RolloutTarget {
    public static final String DEFAULT_STRATEGY = "AppConfig.AllAtOnce";
    public static final int DEFAULT_ATTEMPTS = 5;
    private final S3Client s3;
    private final AppConfigClient appConfig;
    private final String strategy;
    private final int attempts;

    /** Clients may be null when this deployment has no S3 or AppConfig: a plan that names one is refused. */
    public FlagDocuments(S3Client s3, AppConfigClient appConfig) {
        this(s3, appConfig, DEFAULT_STRATEGY, DEFAULT_ATTEMPTS);
    }

    /**
     * @param deploymentStrategy the AppConfig deployment strategy ID for flag changes (default AppConfig.AllAtOnce)
     * @param attempts           conditional writes tried while other writers keep winning, then Unavailable
     */
    public FlagDocuments(S3Client s3, AppConfigClient appConfig, String deploymentStrategy, int attempts) {
        this.s3 = s3;
        this.appConfig = appConfig;
        this.strategy = deploymentStrategy;
        this.attempts = attempts;
    }

    @Override
    public void write(FlagStore store, Map<String, Object> flags) {
        FlagAudience.invalid(flags).ifPresent(problem -> {
            throw new Refused(problem);
        });
        store(store.provider(), store.keys()).update(doc -> doc.set(flags), attempts);
    }

    @Override
    public TargetState enter(Target target, Phase phase, String version) {
        String flag = flag(target);
        Map<String, Object> values = FlagAudience.entering(flag, phase, version).orElseThrow(() -> new Refused(target.describe() + " "
                + phase.audience() + ": a feature-flag phase needs a percentage or a cohort"));
        return set(target, flag, values);
    }

    /** A flag cannot stop new users without taking the current ones away: the audience stays, unwidened. */
    @Override
    public TargetState halt(Target target, Phase phase, String version) {
        String flag = flag(target);
        FlagDocumentStore.Snapshot now = store(target.key("provider"), target.keys()).read();
        return state(now.document(), flag, "a flag has no halt: the audience stays at " + phase.audience() + " and is not widened");
    }

    /**
     * A cohort phase's rollback turns that cohort off; a percentage phase's, or the cohort that reached everyone
     * (100 %), turns the flag off for everyone, undoing a {@link #complete} too.
     */
    @Override
    public TargetState rollback(Target target, Phase phase, String version) {
        String flag = flag(target);
        return set(target, flag, FlagAudience.leaving(flag, phase));
    }

    @Override
    public TargetState complete(Target target, String version) {
        String flag = flag(target);
        return set(target, flag, FlagAudience.completing(flag, version));
    }

    @Override
    public TargetState observe(Target target, String version) {
        String flag = flag(target);
        FlagDocumentStore.Snapshot now = store(target.key("provider"), target.keys()).read();
        return state(now.document(), flag, now.note());
    }

    private TargetState set(Target target, String flag, Map<String, Object> values) {
        FlagDocument written = store(target.key("provider"), target.keys()).update(doc -> doc.set(values), attempts).document();
        return state(written, flag, "");
    }

    /** The store a flag store's or a feature-flag target's keys name; refuses what cannot be reached, naming it. */
    FlagDocumentStore store(String provider, Map<String, Object> keys) {
        if (provider == null) {
            throw new Refused("flag store provider: missing (one of appconfig, json)");
        }
        return switch (provider) {
            case "json" -> json(keys.get("url") == null ? null : keys.get("url").toString());
            case "appconfig" -> {
                List<String> missing = new ArrayList<>();
                for (String k : List.of("application", "environment", "profile")) {
                    if (keys.get(k) == null || keys.get(k).toString().isBlank()) {
                        missing.add(k);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new Refused("flag store provider appconfig needs " + String.join(", ", missing));
                }
                if (appConfig == null) {
                    throw new Refused("flag store provider appconfig: no AppConfig client in this deployment (AWS credentials and region)");
                }
                yield new AppConfigFlagDocumentStore(appConfig, keys.get("application").toString(), keys.get("environment").toString(),
                        keys.get("profile").toString(), strategy);
            }
            default -> throw new Refused("flag store provider '" + provider + "' is unknown: one of appconfig, json");
        };
    }

    private FlagDocumentStore json(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused("flag store url: missing; provider json needs url: s3://BUCKET/KEY or file:PATH");
        }
        if (url.startsWith("file:")) {
            return FileFlagDocumentStore.at(url);
        }
        if (url.startsWith("s3://")) {
            S3FlagDocumentStore store = S3FlagDocumentStore.at(s3, url);
            if (s3 == null) {
                throw new Refused("flag store url '" + url + "': no S3 client in this deployment (AWS credentials and region)");
            }
            return store;
        }
        throw new Refused("flag store url '" + url + "' must start with s3:// or file:");
    }

    private static String flag(Target target) {
        String flag = target.key("flag");
        if (flag == null || flag.isBlank()) {
            throw new Refused(target.describe() + ": required: flag");
        }
        return flag;
    }

    private static TargetState state(FlagDocument doc, String flag, String note) {
        boolean enabled = Boolean.TRUE.equals(doc.value(flag + ".enabled").orElse(null));
        List<String> cohorts = new ArrayList<>();
        doc.cohorts(flag).forEach((name, c) -> {
            if (c.enabled()) {
                cohorts.add(name + (c.percentage() == null ? "" : " " + Numbers.plain(c.percentage()) + "%"));
            }
        });
        String detail = (cohorts.isEmpty() ? "no cohort enabled" : "cohorts enabled: " + String.join(", ", cohorts))
                + (note.isEmpty() ? "" : "; " + note);
        double percent = doc.value(flag + ".percentage").orElse(null) instanceof Double d ? d : Double.NaN;
        return new TargetState(enabled ? "enabled" : "disabled", percent, detail);
    }
}

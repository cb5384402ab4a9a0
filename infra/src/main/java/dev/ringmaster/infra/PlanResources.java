package dev.ringmaster.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What this deployment's plans may touch in AWS, and Crashlytics' push identity, from CDK context
 * ({@code cdk deploy -c flagBuckets=a,b …}, or {@code context} in cdk.json, where a list may be a JSON array).
 * Each grant is made only for what is named here; absent, nothing is granted (docs/deploy.md).
 *
 * @param flagBuckets           buckets of {@code provider: json, url: s3://BUCKET/KEY} flag documents
 * @param appConfigApplications AppConfig application IDs of {@code provider: appconfig} flag profiles
 * @param ecrRepositories       ECR repositories of {@code container-ring} targets: names in this account and region, or ARNs
 * @param cloudWatchMetrics     plans read {@code source: cloudwatch} metrics
 * @param sesIdentities         SES identities (domains or addresses) email channels send from
 * @param crashlyticsAudience   the Pub/Sub push subscription's token audience, or null
 * @param crashlyticsEmail      the push subscription's service account, or null
 * @param targetSettings        the target adapters' settings (docs/targets.md) by environment variable
 * @param noTickAlarm           each running rollout gets its alarm "no tick for two intervals" and its Ticks metric
 *                              ($0.40 a month each while it runs, by the hour); false leaves both out
 * @param webhookSecretsInSsm   the webhook secrets are SecureString parameters you create under /ringmaster/webhook/
 *                              (no charge) instead of Secrets Manager secrets the stack generates ($0.40 a month each)
 */
record PlanResources(List<String> flagBuckets, List<String> appConfigApplications, List<String> ecrRepositories,
                     boolean cloudWatchMetrics, List<String> sesIdentities, String crashlyticsAudience, String crashlyticsEmail,
                     Map<String, String> targetSettings, boolean noTickAlarm, boolean webhookSecretsInSsm) {
    static final PlanResources NONE = new PlanResources(List.of(), List.of(), List.of(), false, List.of(), null, null, Map.of(),
            true, false);
    /**
     * Context key → the setting's environment variable. The credentials are references the functions may read
     * (SSM parameters under /ringmaster/, secrets under ringmaster/), never the values: the template is not secret.
     */
    static final Map<String, String> CREDENTIALS = Map.of(
            "googlePlayCredentials", "RINGMASTER_GOOGLE_PLAY_CREDENTIALS",
            "appStoreConnectPrivateKey", "RINGMASTER_APP_STORE_CONNECT_PRIVATE_KEY",
            "registryAuths", "RINGMASTER_REGISTRY_AUTHS");
    static final Map<String, String> IDS = Map.of(
            "appStoreConnectKeyId", "RINGMASTER_APP_STORE_CONNECT_KEY_ID",
            "appStoreConnectIssuerId", "RINGMASTER_APP_STORE_CONNECT_ISSUER_ID");
    private static final Pattern REFERENCE = Pattern.compile("ssm:/ringmaster/\\S+|secretsmanager:ringmaster/\\S+");

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern APPCONFIG_ID = Pattern.compile("[a-z0-9]{4,7}");
    private static final String ECR_NAME = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
    private static final Pattern ECR = Pattern.compile(ECR_NAME + "|arn:aws[a-z-]*:ecr:[a-z0-9-]+:\\d{12}:repository/" + ECR_NAME);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s*:,]+@[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9-]+\\.)+[a-z]{2,}", Pattern.CASE_INSENSITIVE);

    /** Reads and checks each value; a bad one is refused naming its context key and the value. */
    static PlanResources from(Function<String, Object> context) {
        String audience = text(context.apply("crashlyticsAudience"));
        String email = text(context.apply("crashlyticsEmail"));
        if ((audience == null) != (email == null)) {
            throw new IllegalArgumentException("context crashlyticsAudience and crashlyticsEmail go together: the push token is checked"
                    + " for both (" + (audience == null ? "crashlyticsAudience" : "crashlyticsEmail") + " is missing)");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("context crashlyticsEmail: '" + email + "' is not a service account's e-mail address");
        }
        return new PlanResources(
                list(context, "flagBuckets", BUCKET, "an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)"),
                list(context, "appConfigApplications", APPCONFIG_ID, "an AppConfig application ID (4-7 lowercase letters and digits)"),
                list(context, "ecrRepositories", ECR, "an ECR repository name or ARN"),
                flag("cloudWatchMetrics", context.apply("cloudWatchMetrics"), false),
                list(context, "sesIdentities", null, "an SES identity (a domain or an e-mail address)"),
                audience, email, settings(context), flag("noTickAlarm", context.apply("noTickAlarm"), true),
                ssm(context.apply("webhookSecrets")));
    }

    private static boolean ssm(Object value) {
        String v = value == null ? "secretsmanager" : value.toString().trim();
        if (!v.equals("secretsmanager") && !v.equals("ssm")) {
            throw new IllegalArgumentException("context webhookSecrets: '" + value + "' is not secretsmanager or ssm");
        }
        return v.equals("ssm");
    }

    private static Map<String, String> settings(Function<String, Object> context) {
        Map<String, String> env = new TreeMap<>();
        CREDENTIALS.forEach((key, variable) -> {
            String v = text(context.apply(key));
            if (v != null && !REFERENCE.matcher(v).matches()) {
                throw new IllegalArgumentException("context " + key + ": a reference the functions may read, ssm:/ringmaster/… or"
                        + " secretsmanager:ringmaster/…, not the credential itself (the value given is not shown)");
            }
            if (v != null) {
                env.put(variable, v);
            }
        });
        IDS.forEach((key, variable) -> {
            String v = text(context.apply(key));
            if (v != null) {
                env.put(variable, v);
            }
        });
        return Map.copyOf(env);
    }

    private static List<String> list(Function<String, Object> context, String key, Pattern valid, String what) {
        Object value = context.apply(key);
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> items.add(String.valueOf(v).trim()));
        } else if (value != null) {
            for (String v : value.toString().split(",")) {
                items.add(v.trim());
            }
        }
        items.removeIf(String::isEmpty);
        for (String item : items) {
            boolean ok = valid == null ? EMAIL.matcher(item).matches() || DOMAIN.matcher(item).matches() : valid.matcher(item).matches();
            if (!ok) {
                throw new IllegalArgumentException("context " + key + ": '" + item + "' is not " + what);
            }
        }
        return List.copyOf(items);
    }

    private static boolean flag(String key, Object value, boolean absent) {
        String v = value == null ? String.valueOf(absent) : value.toString().trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("context " + key + ": '" + value + "' is not true or false");
        }
        return v.equals("true");
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}

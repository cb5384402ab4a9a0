package dev.ringmaster.adapters.ingest;

import dev.ringmaster.core.plan.PlanParser;
import dev.ringmaster.core.signal.Concerns;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which rollout a delivery concerns, from what its sender can say, most specific first (an alert's own labels, then
 * the group's, then the webhook URL's {@code ?rollout=}/{@code ?app=}/{@code ?version=}): each part is taken from the
 * first place that gives it. Every part is checked, so a stray value never becomes a store key.
 */
final class Naming {
    private static final Pattern APP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+() -]{0,63}");
    private static final String A_ROLLOUT = "a rollout id (lower-case letters, digits, '-')";
    private static final String AN_APP = "an app (a plan's metadata.app, a package name or a store app id)";
    private static final String A_VERSION = "a version (2.1.0, or 2.1.0 (2101))";

    private Naming() {
    }

    /** What one place says: a part it does not give is null. */
    record Said(String rollout, String app, String version) {
    }

    /**
     * What the keys {@code rollout}, {@code app}, {@code version} of {@code values} say; {@code where} formats a key
     * as the refusal names it ("field `alerts[0].labels.%s`", "query parameter `%s`").
     */
    static Said from(Map<String, String> values, String where) {
        return new Said(check(values.get("rollout"), where, "rollout", PlanParser.ROLLOUT_ID, A_ROLLOUT),
                check(values.get("app"), where, "app", APP, AN_APP), check(values.get("version"), where, "version", VERSION, A_VERSION));
    }

    static Said query(Map<String, String> query) {
        return from(query, "query parameter `%s`");
    }

    static String checkVersion(String value, String path) {
        return check(value, "field `" + path + "`", null, VERSION, A_VERSION);
    }

    static String checkRollout(String value, String path) {
        return check(value, "field `" + path + "`", null, PlanParser.ROLLOUT_ID, A_ROLLOUT);
    }

    static Concerns concerns(Said... places) {
        String rollout = null;
        String app = null;
        String version = null;
        for (Said s : places) {
            rollout = rollout == null ? s.rollout() : rollout;
            app = app == null ? s.app() : app;
            version = version == null ? s.version() : version;
        }
        return new Concerns(rollout, app, version);
    }

    private static String check(String value, String where, String key, Pattern rule, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!rule.matcher(v).matches()) {
            String named = key == null ? where : String.format(where, key);
            throw new Refusal(400, named + ": " + Fields.shown(v) + " is not " + what);
        }
        return v;
    }
}

package dev.ringmaster.core.signal;

import dev.ringmaster.core.plan.Plan;

/**
 * Which rollout a webhook is about, as precisely as its sender can say: the rollout id, or the app (the plan's
 * {@code metadata.app}, or the store's own id of it: Play package, App Store app id) and, where the sender knows
 * it, the version. Null parts are unknown and match anything; all null matches nothing.
 *
 * @param version the app version the sender names ("2.1.0", or Crashlytics' "2.1.0 (2101)": the build in
 *                parentheses is ignored)
 */
public record Concerns(String rolloutId, String app, String version) {

    public static Concerns rollout(String rolloutId) {
        return new Concerns(rolloutId, null, null);
    }

    public boolean names() {
        return present(rolloutId) || present(app);
    }

    /** Whether the rollout of {@code plan} is the one meant. */
    public boolean matches(String id, Plan plan) {
        if (present(rolloutId)) {
            return rolloutId.equals(id);
        }
        if (!present(app)) {
            return false;
        }
        // The store's own id of the app may be on any phase's target (TestFlight first, then the App Store).
        boolean sameApp = app.equals(plan.app()) || plan.phases().stream().map(plan::targetOf)
                .anyMatch(t -> app.equals(t.key("packageName")) || app.equals(t.key("appId")));
        return sameApp && (!present(version) || baseVersion(version).equals(plan.version()));
    }

    /** "2.1.0 (2101)" → "2.1.0". */
    static String baseVersion(String v) {
        int paren = v.indexOf(" (");
        return (paren < 0 ? v : v.substring(0, paren)).trim();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return present(rolloutId) ? "rollout " + rolloutId
                : present(app) ? "app " + app + (present(version) ? " version " + version : "") : "no rollout named";
    }
}

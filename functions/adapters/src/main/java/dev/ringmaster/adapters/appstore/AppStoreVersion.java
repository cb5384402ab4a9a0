package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import java.util.Set;

/**
 * One App Store version of an app, found by its version string and platform, with its phased release when it has
 * one (the document's {@code included}).
 *
 * @param phasedRelease the phased release resource, or null when the version has none
 */
record AppStoreVersion(String appId, String id, String versionString, String platform, String appStoreState, JsonNode phasedRelease) {
    static final String DEFAULT_PLATFORM = "IOS";
    /** App Review approved it: it is released, or waits for a release request or Apple. */
    static final Set<String> APPROVED = Set.of("ACCEPTED", "PENDING_DEVELOPER_RELEASE", "PENDING_APPLE_RELEASE", "PROCESSING_FOR_APP_STORE",
            "READY_FOR_SALE", "PREORDER_READY_FOR_SALE", "REPLACED_WITH_NEW_VERSION");

    static AppStoreVersion find(AppStoreConnect api, Target target) {
        String appId = target.key("appId");
        String versionString = target.key("versionString");
        String platform = platform(target);
        JsonNode doc = api.get(AppStoreConnect.path("/v1/apps/" + appId + "/appStoreVersions",
                "filter[versionString]", versionString, "filter[platform]", platform, "include", "appStoreVersionPhasedRelease"));
        JsonNode data = doc.path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw new RolloutTarget.Refused(AppStoreConnect.SYSTEM + " has no " + platform + " version " + versionString + " of app " + appId);
        }
        JsonNode v = data.get(0);
        String id = v.path("id").asText();
        // appStoreState is the field the phased-release and review help pages speak of; newer accounts also carry appVersionState
        String state = JsonApi.attribute(v, "appStoreState");
        if (state == null) {
            state = JsonApi.attribute(v, "appVersionState");
        }
        JsonNode phased = JsonApi.related(v, "appStoreVersionPhasedRelease")
                .flatMap(pid -> JsonApi.included(doc, "appStoreVersionPhasedReleases", pid))
                .orElse(null);
        return new AppStoreVersion(appId, id, versionString, platform, state, phased);
    }

    static String platform(Target target) {
        String p = target.key("platform");
        return p == null ? DEFAULT_PLATFORM : p;
    }

    boolean approved() {
        return appStoreState != null && APPROVED.contains(appStoreState);
    }

    boolean waitsForDeveloperRelease() {
        return "PENDING_DEVELOPER_RELEASE".equals(appStoreState);
    }

    /** Releases an approved version held for the developer (POST /v1/appStoreVersionReleaseRequests). */
    void release(AppStoreConnect api) {
        api.post("/v1/appStoreVersionReleaseRequests",
                JsonApi.relate(JsonApi.document("appStoreVersionReleaseRequests", null), "appStoreVersion", "appStoreVersions", id));
    }

    String describe() {
        return platform + " version " + versionString + " " + appStoreState;
    }
}

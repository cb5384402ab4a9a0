package dev.ringmaster.adapters.appstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringmaster.core.port.RolloutTarget;
import java.util.Optional;

/**
 * The build TestFlight testers get, found by the plan's version: first as the build number ({@code filter[version]}),
 * else as the marketing version ({@code filter[preReleaseVersion.version]}, newest upload). Both filter names are
 * Bagbutik's {@code ListBuildsV1.Filter} (generated from Apple's spec).
 *
 * @param externalBuildState {@code buildBetaDetail.externalBuildState}, null when not included
 */
record TestFlightBuild(String appId, String id, String version, String processingState, boolean expired, String externalBuildState) {

    static Optional<TestFlightBuild> find(AppStoreConnect api, String appId, String version) {
        Optional<TestFlightBuild> byNumber = first(api, appId, AppStoreConnect.path("/v1/builds", "filter[app]", appId, "filter[version]", version,
                "sort", "-uploadedDate", "limit", "1", "include", "buildBetaDetail"));
        return byNumber.isPresent() ? byNumber : first(api, appId, AppStoreConnect.path("/v1/builds", "filter[app]", appId,
                "filter[preReleaseVersion.version]", version, "sort", "-uploadedDate", "limit", "1", "include", "buildBetaDetail"));
    }

    static TestFlightBuild require(AppStoreConnect api, String appId, String version) {
        return find(api, appId, version).orElseThrow(() -> new RolloutTarget.Refused(
                AppStoreConnect.SYSTEM + " has no build " + version + " of app " + appId + " (neither build number nor version)"));
    }

    /** Testers can get it only once processing made it VALID; until then the chain tries again later. */
    TestFlightBuild requireValid() {
        if (expired) {
            throw new RolloutTarget.Refused(describe() + " has expired (TestFlight builds expire after 90 days)");
        }
        switch (processingState) {
            case "VALID" -> {
                return this;
            }
            case "PROCESSING" -> throw new RolloutTarget.Unavailable(describe() + ": build still processing");
            default -> throw new RolloutTarget.Refused(describe() + ": processing ended " + processingState + ", testers cannot get it");
        }
    }

    String describe() {
        return "build " + version + " (" + id + ") of app " + appId + " " + processingState;
    }

    private static Optional<TestFlightBuild> first(AppStoreConnect api, String appId, String pathAndQuery) {
        JsonNode doc = api.get(pathAndQuery);
        JsonNode b = doc.path("data").path(0);
        if (!b.isObject()) {
            return Optional.empty();
        }
        String detail = JsonApi.related(b, "buildBetaDetail")
                .flatMap(id -> JsonApi.included(doc, "buildBetaDetails", id))
                .map(d -> JsonApi.attribute(d, "externalBuildState"))
                .orElse(null);
        return Optional.of(new TestFlightBuild(appId, b.path("id").asText(), JsonApi.attribute(b, "version"),
                b.path("attributes").path("processingState").asText("PROCESSING"), b.path("attributes").path("expired").asBoolean(false), detail));
    }
}

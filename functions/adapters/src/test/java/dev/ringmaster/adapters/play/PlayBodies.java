package dev.ringmaster.adapters.play;

/** Answers shaped as the Android Publisher API and Google's token endpoint send them (REFERENCE-targets §1). */
final class PlayBodies {
    private PlayBodies() {
    }

    static String token(String value) {
        return "{\"access_token\":\"" + value + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
    }

    static final String INVALID_GRANT = "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}";

    static String edit(String id) {
        return "{\"id\":\"" + id + "\",\"expiryTimeSeconds\":\"1796120400\"}";
    }

    static String error(int code, String reason, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\"" + message
                + "\",\"domain\":\"global\",\"reason\":\"" + reason + "\"}],\"status\":\"" + status + "\"}}";
    }

    static final String UNAUTHENTICATED = "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials. "
            + "Expected OAuth 2 access token, login cookie or other valid authentication credential. See "
            + "https://developers.google.com/identity/sign-in/web/devconsole-project.\",\"errors\":[{\"message\":\"Invalid Credentials\","
            + "\"domain\":\"global\",\"reason\":\"authError\",\"location\":\"Authorization\",\"locationType\":\"header\"}],"
            + "\"status\":\"UNAUTHENTICATED\"}}";
    static final String PERMISSION = error(403, "userInsufficientPermission", "PERMISSION_DENIED",
            "The current user has insufficient permissions to perform the requested operation.");
    static final String NOT_FOUND = error(404, "notFound", "NOT_FOUND", "Package not found: com.example.vpn.");
    static final String CONCURRENT = error(409, "concurrentUpdate", "ABORTED",
            "The operation could not be performed since the object was already in the process of being updated.");
    static final String EDIT_DELETED = error(400, "badRequest", "INVALID_ARGUMENT", "This Edit has been deleted.");
    static final String EDIT_DELETED_OLD = "{\"error\":{\"errors\":[{\"domain\":\"androidpublisher\",\"reason\":\"editDeleted\","
            + "\"message\":\"This Edit has been deleted.\"}],\"code\":410,\"message\":\"This Edit has been deleted.\"}}";
    static final String EDIT_EXPIRED = error(400, "badRequest", "INVALID_ARGUMENT", "This edit has expired. Please create a new edit.");
    static final String INVALID_VALUE = error(400, "invalidValue", "INVALID_ARGUMENT",
            "Version code 2100 not found in the app bundles or APKs of this app.");
    static final String QUOTA = error(429, "rateLimitExceeded", "RESOURCE_EXHAUSTED",
            "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service "
                    + "'androidpublisher.googleapis.com' for consumer 'project_number:123456789012'.");
    static final String INTERNAL = error(500, "backendError", "INTERNAL", "Internal error encountered.");

    /** A production track: our release {@code ours} (or none) beside the completed previous release still serving everyone else. */
    static String track(String ours) {
        String previous = "{\"name\":\"2.0.0\",\"versionCodes\":[\"2000\"],\"status\":\"completed\","
                + "\"releaseNotes\":[{\"language\":\"en-US\",\"text\":\"Faster connects.\"}]}";
        return "{\"track\":\"production\",\"releases\":[" + (ours == null ? "" : ours + ",") + previous + "]}";
    }

    static String release(String status, Double fraction) {
        return "{\"name\":\"2.1.0\",\"versionCodes\":[\"2100\"],\"status\":\"" + status + "\""
                + (fraction == null ? "" : ",\"userFraction\":" + fraction)
                + ",\"releaseNotes\":[{\"language\":\"en-US\",\"text\":\"Split tunnelling.\"}]}";
    }
}

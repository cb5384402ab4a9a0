package dev.ringmaster.adapters.ingest;

/** {@code Authorization: Bearer <token>}: the token, or 401 saying what is missing (never what was sent). */
final class Bearer {
    private Bearer() {
    }

    static String token(WebhookRequest request, String hint) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            throw Refusal.unauthorized("missing Authorization: Bearer <token> header (" + hint + ")");
        }
        String h = header.strip();
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            throw Refusal.unauthorized("the Authorization header is not Bearer <token> (" + hint + ")");
        }
        return h.substring(7).strip();
    }
}

package dev.ringmaster.adapters.play;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringmaster.core.plan.Numbers;
import dev.ringmaster.core.plan.Target;
import dev.ringmaster.core.port.RolloutTarget;
import dev.ringmaster.core.port.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan's release on a Play track (CONTRACTS §1.2 keys {@code packageName}, {@code track}, {@code versionCodes},
 * {@code releaseName}?): how to find it in a Track, write a new version of it into the Track, and report it.
 *
 * @param versionCodes as Play sends them: int64 as JSON strings
 */
record ReleaseOnTrack(String packageName, String track, List<String> versionCodes, String releaseName) {
    static final String IN_PROGRESS = "inProgress";
    static final String HALTED = "halted";
    static final String COMPLETED = "completed";
    static final String DRAFT = "draft";

    static ReleaseOnTrack of(Target target) {
        String packageName = target.key("packageName");
        String track = target.key("track");
        if (packageName == null || packageName.isBlank() || track == null || track.isBlank()) {
            throw new RolloutTarget.Refused("a google-play target needs packageName and track (got packageName=" + packageName
                    + ", track=" + track + ")");
        }
        return new ReleaseOnTrack(packageName, track, versionCodes(target.keys().get("versionCodes")), target.key("releaseName"));
    }

    /** Plan numbers (2100, or 2100.0 from some YAML readers) as the API's strings. */
    private static List<String> versionCodes(Object value) {
        List<?> raw = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
        if (raw.isEmpty()) {
            throw new RolloutTarget.Refused("a google-play target needs versionCodes (a list of numbers)");
        }
        List<String> codes = new ArrayList<>();
        for (Object v : raw) {
            String code = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? Long.toString(n.longValue()) : String.valueOf(v).strip();
            if (!code.matches("[1-9][0-9]{0,18}")) {
                throw new RolloutTarget.Refused("versionCodes: " + v + " is not a versionCode (a positive whole number)");
            }
            codes.add(code);
        }
        return List.copyOf(codes);
    }

    String where() {
        return "versionCodes " + versionCodes + " on " + packageName + " " + track;
    }

    /** Our release: the one holding any of our versionCodes (Play lets a versionCode sit in one release per track). */
    Optional<ObjectNode> find(JsonNode track) {
        for (JsonNode release : track.path("releases")) {
            if (isOurs(release)) {
                return Optional.of((ObjectNode) release);
            }
        }
        return Optional.empty();
    }

    private boolean isOurs(JsonNode release) {
        for (JsonNode code : release.path("versionCodes")) {
            if (versionCodes.contains(code.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Our release as {@code status} at {@code fraction} (null: none), keeping what else it carries (release notes). */
    ObjectNode release(Optional<ObjectNode> current, String status, Double fraction) {
        ObjectNode r = current.map(ObjectNode::deepCopy).orElseGet(() -> JsonNodeFactory.instance.objectNode());
        if (releaseName != null) {
            r.put("name", releaseName);
        }
        ArrayNode codes = r.putArray("versionCodes");
        versionCodes.forEach(codes::add);
        r.put("status", status);
        if (fraction == null) {
            r.remove("userFraction");
        } else {
            r.put("userFraction", fraction);
        }
        return r;
    }

    /**
     * The whole track with {@code ours} in place of our release; every other release stays as it is, except that a
     * completed release of ours supersedes the previous completed one (one release per status on a track, as the
     * Console does when a staged rollout is completed).
     */
    ObjectNode withRelease(JsonNode track, ObjectNode ours) {
        ObjectNode desired = ((ObjectNode) track).deepCopy();
        ArrayNode releases = desired.putArray("releases");
        boolean placed = false;
        for (JsonNode release : track.path("releases")) {
            if (isOurs(release)) {
                if (!placed) {
                    releases.add(ours);
                    placed = true;
                }
            } else if (!(ours.path("status").asText().equals(COMPLETED) && release.path("status").asText().equals(COMPLETED))) {
                releases.add(release);
            }
        }
        if (!placed) {
            releases.insert(0, ours);
        }
        return desired;
    }

    /** What the track holds for our versionCodes: status (or "absent") and the share of users it reaches. */
    TargetState state(JsonNode track, String note) {
        Optional<ObjectNode> ours = find(track);
        if (ours.isEmpty()) {
            return new TargetState("absent", 0, "no release of " + where() + note);
        }
        String status = ours.get().path("status").asText();
        double percent = percent(ours.get());
        return new TargetState(status, percent, where() + ": " + status + " at " + Numbers.plain(percent) + " %" + note);
    }

    /** The share of users a release reaches, 0–100; a halted release keeps what it had. */
    static double percent(JsonNode release) {
        String status = release.path("status").asText();
        double reach = switch (status) {
            case COMPLETED -> 1;
            case IN_PROGRESS, HALTED -> release.path("userFraction").isNumber() ? release.path("userFraction").asDouble() : 1;
            default -> 0;
        };
        // fraction × 100 in binary floating point gives 7.000000000000001 for 0.07: round to what a user wrote
        return Math.round(reach * 100 * 1e6) / 1e6;
    }
}

package dev.ringmaster.core.tags;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Container image tags and OCI labels per seed 001 ("Docker Image Tagging Strategy", "Container Labels"). */
public final class RingTags {

    /** OCI distribution spec: what a tag may look like. */
    static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final int MAX_TAG = 128;

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern NOT_IN_TAG = Pattern.compile("[^a-z0-9_.-]");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String OCI = "org.opencontainers.image.";

    private RingTags() {
    }

    public static TagSet forPullRequest(String branch, int pr, int iteration, String sha) {
        return forPullRequest(branch, pr, iteration, sha, ImageMetadata.none());
    }

    /**
     * The five PR tags in the seed's order: {@code pr-N-BRANCH-vI}, {@code pr-N-BRANCH-latest},
     * {@code RING-pr-N-latest} (only when the branch maps to a ring), {@code pr-N-latest}, {@code pr-N-SHA8}.
     */
    public static TagSet forPullRequest(String branch, int pr, int iteration, String sha, ImageMetadata meta) {
        requireNonBlank("branch", branch);
        if (pr < 1) {
            throw new IllegalArgumentException("pr must be ≥ 1, got " + pr);
        }
        if (iteration < 1) {
            throw new IllegalArgumentException("iteration must be ≥ 1, got " + iteration);
        }
        requireSha(sha);
        List<String> notes = new ArrayList<>();
        Optional<String> ring = Ring.forBranch(branch).map(r -> r.key);
        if (ring.isEmpty()) {
            notes.add("branch '" + branch + "' is not in the ring map (" + Ring.describeMap() + "): PR tags only, no ring tag");
        }
        String prefix = "pr-" + pr + "-";
        String versioned = "-v" + iteration;
        String component = tagComponent(branch, MAX_TAG - prefix.length() - Math.max(versioned.length(), "-latest".length()), notes);

        List<String> tags = new ArrayList<>();
        tags.add(prefix + component + versioned);
        tags.add(prefix + component + "-latest");
        ring.ifPresent(r -> tags.add(r + "-pr-" + pr + "-latest"));
        tags.add(prefix + "latest");
        tags.add(prefix + sha8(sha));

        Map<String, String> labels = new LinkedHashMap<>();
        oci(labels, meta, "pr-" + pr + "-v" + iteration, sha);
        String ns = meta.labelPrefix() + ".";
        ring.ifPresent(r -> labels.put(ns + "deployment.ring", r));
        labels.put(ns + "branch.name", branch);
        labels.put(ns + "pr.number", Integer.toString(pr));
        labels.put(ns + "build.iteration", Integer.toString(iteration));
        stamp(labels, meta);
        return new TagSet(tags, labels, ring, notes);
    }

    public static TagSet forRelease(String version, String sha) {
        return forRelease(version, sha, ImageMetadata.none());
    }

    /** A production release from main: {@code VERSION}, {@code latest}, {@code stable}, {@code sha-SHA8}. */
    public static TagSet forRelease(String version, String sha, ImageMetadata meta) {
        requireNonBlank("version", version);
        if (!OCI_TAG.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "version must be a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}), got '" + version + "'");
        }
        requireSha(sha);
        String ring = Ring.PRODUCTION.key;
        List<String> tags = List.of(version, "latest", "stable", "sha-" + sha8(sha));

        Map<String, String> labels = new LinkedHashMap<>();
        oci(labels, meta, version, sha);
        labels.put(meta.labelPrefix() + ".deployment.ring", ring);
        labels.put(meta.labelPrefix() + ".branch.name", Ring.PRODUCTION.branches.get(0));
        stamp(labels, meta);
        return new TagSet(tags, labels, Optional.of(ring), List.of());
    }

    private static void oci(Map<String, String> labels, ImageMetadata meta, String version, String sha) {
        if (meta.title() != null) {
            labels.put(OCI + "title", meta.title());
        }
        labels.put(OCI + "version", version);
        labels.put(OCI + "revision", sha.toLowerCase(Locale.ROOT));
        if (meta.source() != null) {
            labels.put(OCI + "source", meta.source());
        }
        if (meta.created() != null) {
            labels.put(OCI + "created", meta.created().truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    private static void stamp(Map<String, String> labels, ImageMetadata meta) {
        if (meta.created() != null) {
            labels.put(meta.labelPrefix() + ".build.timestamp", STAMP.format(meta.created()));
        }
    }

    /** The branch as a tag component: lowercase, anything outside [a-z0-9_.-] becomes '-', cut to {@code room}. */
    private static String tagComponent(String branch, int room, List<String> notes) {
        String component = NOT_IN_TAG.matcher(branch.toLowerCase(Locale.ROOT)).replaceAll("-");
        if (!component.equals(branch)) {
            notes.add("branch '" + branch + "' appears in tags as '" + component + "'");
        }
        if (component.length() > room) {
            component = component.substring(0, room);
            notes.add("branch part cut to " + room + " characters ('" + component + "') so every tag stays within "
                    + MAX_TAG + " characters");
        }
        return component;
    }

    private static String sha8(String sha) {
        return sha.substring(0, Math.min(8, sha.length())).toLowerCase(Locale.ROOT);
    }

    private static void requireSha(String sha) {
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("sha must be 7–40 hex characters, got " + quoted(sha));
        }
    }

    private static void requireNonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got " + quoted(value));
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}

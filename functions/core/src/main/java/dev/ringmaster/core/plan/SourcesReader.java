package dev.ringmaster.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code spec.sources}: each source's connection, credentials only as references. */
final class SourcesReader {
    static final List<String> KEYS = List.of("prometheus", "sentry", "play-vitals", "cloudwatch");
    private static final List<String> REFERENCES = List.of("env:", "file:", "ssm:/", "secretsmanager:");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ORG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

    private SourcesReader() {
    }

    static Sources read(Fields spec, Problems problems) {
        if (!spec.has("sources")) {
            return Sources.NONE;
        }
        Fields all = Fields.of(spec.get("sources"), spec.child("sources"), problems, KEYS);
        all.rejectUnknown();
        return new Sources(prometheus(all, problems), sentry(all, problems), playVitals(all, problems), cloudwatch(all, problems));
    }

    private static Sources.Prometheus prometheus(Fields all, Problems problems) {
        if (!all.has("prometheus")) {
            return null;
        }
        Fields f = Fields.of(all.get("prometheus"), all.child("prometheus"), problems, List.of("url", "headers"));
        f.rejectUnknown();
        String url = f.string("url", true).orElse(null);
        url(f, "url", url);
        Map<String, String> headers = new LinkedHashMap<>();
        if (f.has("headers")) {
            Fields h = Fields.of(f.get("headers"), f.child("headers"), problems, List.of());
            h.entries().forEach((name, value) -> {
                String v = String.valueOf(Fields.plain(value));
                if (name.equalsIgnoreCase("authorization") && !reference(v)) {
                    h.error(name, "an Authorization header is a secret: give an env:, file:, ssm:/ or secretsmanager: reference, not the value");
                }
                headers.put(name, v);
            });
        }
        return new Sources.Prometheus(url, headers);
    }

    private static Sources.Sentry sentry(Fields all, Problems problems) {
        if (!all.has("sentry")) {
            return null;
        }
        Fields f = Fields.of(all.get("sentry"), all.child("sentry"), problems, List.of("url", "org", "token"));
        f.rejectUnknown();
        String url = f.string("url", false).orElse(null);
        url(f, "url", url);
        String org = f.string("org", true).orElse(null);
        if (org != null && !ORG.matcher(org).matches()) {
            f.error("org", "organization slug '" + org + "' must match " + ORG.pattern());
        }
        String token = f.string("token", true).orElse(null);
        secret(f, "token", token, "a Sentry auth token");
        return new Sources.Sentry(url, org, token);
    }

    private static Sources.PlayVitals playVitals(Fields all, Problems problems) {
        if (!all.has("play-vitals")) {
            return null;
        }
        Fields f = Fields.of(all.get("play-vitals"), all.child("play-vitals"), problems, List.of("credentials"));
        f.rejectUnknown();
        String credentials = f.string("credentials", false).orElse(null);
        secret(f, "credentials", credentials, "a service-account key");
        return new Sources.PlayVitals(credentials);
    }

    private static Sources.CloudWatch cloudwatch(Fields all, Problems problems) {
        if (!all.has("cloudwatch")) {
            return null;
        }
        Fields f = Fields.of(all.get("cloudwatch"), all.child("cloudwatch"), problems, List.of("region"));
        f.rejectUnknown();
        String region = f.string("region", true).orElse(null);
        if (region != null && !REGION.matcher(region).matches()) {
            f.error("region", "region '" + region + "' is not an AWS region name like eu-central-1");
        }
        return new Sources.CloudWatch(region);
    }

    /** https anywhere; plain http only to this machine (a local Prometheus, a stand-in). */
    private static void url(Fields f, String key, String url) {
        if (url == null) {
            return;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            f.error(key, "url '" + url + "' is not a URL");
            return;
        }
        boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null
                && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1") || uri.getHost().equals("[::1]"));
        if (!"https".equals(uri.getScheme()) && !loopback) {
            f.error(key, "url '" + url + "' must be https:// (plain http only to localhost or 127.0.0.1)");
        } else if (uri.getUserInfo() != null) {
            f.error(key, "url '" + uri.getScheme() + "://…@" + uri.getHost() + "' carries a password: give it as a header reference");
        }
    }

    static void secret(Fields f, String key, String value, String what) {
        if (value != null && !reference(value)) {
            f.error(key, key + " is " + what + ": give an env:NAME, file:PATH, ssm:/name or secretsmanager:name reference, never the secret itself");
        }
    }

    static boolean reference(String v) {
        return REFERENCES.stream().anyMatch(v::startsWith);
    }
}

package dev.ringmaster.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringmaster.adapters.http.Http;
import dev.ringmaster.core.port.RolloutTarget.Refused;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A repository behind the OCI distribution API (REFERENCE-targets §6): ghcr.io, Docker Hub, a local docker-registry. */
final class OciRepository implements ImageRepository {
    /** Every manifest kind a build can be: without the index types GHCR answers 404 for a multi-arch image. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final Http http;
    private final RegistryAuth auth;
    private final String registry;
    private final URI base;
    private final String name;

    OciRepository(Http http, RegistryAuth auth, RingKeys keys) {
        this.http = http;
        this.auth = auth;
        this.registry = keys.registry();
        this.base = RegistryEndpoint.base(keys.registry());
        this.name = keys.repository();
    }

    @Override
    public Manifest manifest(String reference) {
        HttpResponse<byte[]> r = send("GET", manifestUri(reference), null, null);
        if (r.statusCode() != 200) {
            throw refused("GET", reference, r);
        }
        String digest = r.headers().firstValue("Docker-Content-Digest")
                .orElseGet(() -> RingKeys.DIGEST.matcher(reference).matches() ? reference : sha256(r.body()));
        return new Manifest(digest, mediaType(reference, r), r.body());
    }

    @Override
    public Optional<String> digest(String tag) {
        HttpResponse<byte[]> r = send("HEAD", manifestUri(tag), null, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw refused("HEAD", tag, r);
        }
        // The spec says a HEAD carries Docker-Content-Digest; a registry that leaves it out still answers a GET.
        return Optional.of(r.headers().firstValue("Docker-Content-Digest").orElseGet(() -> manifest(tag).digest()));
    }

    @Override
    public void tag(Manifest manifest, String tag) {
        HttpResponse<byte[]> r = send("PUT", manifestUri(tag), manifest.mediaType(), manifest.bytes());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw refused("PUT", tag, r);
        }
    }

    @Override
    public List<RingTag> ringTags(RingKeys keys) {
        TreeSet<String> tags = new TreeSet<>();
        URI page = base.resolve("/v2/" + name + "/tags/list?n=100");
        while (page != null) {
            HttpResponse<byte[]> r = send("GET", page, null, null);
            if (r.statusCode() != 200) {
                throw new Refused("registry " + registry + " refused listing the tags of " + name + ": " + RegistryErrors.describe(r));
            }
            try {
                JSON.readTree(r.body()).path("tags").forEach(t -> tags.add(t.asText()));
            } catch (IOException e) {
                throw new Refused("registry " + registry + " listed the tags of " + name + " in a body that is not JSON");
            }
            page = next(r);
        }
        List<RingTag> rings = new ArrayList<>();
        for (String tag : tags) {
            keys.ringOf(tag).ifPresent(ring -> digest(tag).ifPresent(d -> rings.add(new RingTag(ring, tag, d))));
        }
        return rings;
    }

    /** Sends with the authorization this repository needs, answering a 401 challenge once. */
    private HttpResponse<byte[]> send(String method, URI uri, String contentType, byte[] body) {
        HttpResponse<byte[]> r = http.send(request(method, uri, contentType, body, auth.known(registry, name)));
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            r = http.send(request(method, uri, contentType, body, Optional.of(auth.answer(registry, name, challenge))));
        }
        return r;
    }

    private static HttpRequest request(String method, URI uri, String contentType, byte[] body, Optional<String> authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        authorization.ifPresent(a -> b.header("Authorization", a));
        return b.build();
    }

    private URI manifestUri(String reference) {
        return base.resolve("/v2/" + name + "/manifests/" + reference);
    }

    private URI next(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> base.resolve(m.group(1))).orElse(null);
    }

    /** The manifest's media type: the Content-Type the registry served it with, else its own mediaType field. */
    private String mediaType(String reference, HttpResponse<byte[]> r) {
        String served = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        if (served.startsWith("application/vnd.")) {
            return served;
        }
        try {
            JsonNode own = JSON.readTree(r.body()).path("mediaType");
            if (own.isTextual()) {
                return own.asText();
            }
        } catch (IOException e) {
            throw new Refused("registry " + registry + " served " + name + ":" + reference + " as a manifest that is not JSON");
        }
        throw new Refused("registry " + registry + " served " + name + ":" + reference + " with no manifest media type (Content-Type '"
                + served + "', no mediaType field)");
    }

    private Refused refused(String method, String reference, HttpResponse<byte[]> r) {
        return new Refused("registry " + registry + " refused " + method + " " + name + ":" + reference + ": " + RegistryErrors.describe(r));
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

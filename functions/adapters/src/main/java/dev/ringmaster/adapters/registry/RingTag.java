package dev.ringmaster.adapters.registry;

/** A ring's tag in a repository and the digest it points at now ({@code ring-1}, {@code ring-1-latest}, {@code sha256:…}). */
public record RingTag(String ring, String tag, String digest) {
}

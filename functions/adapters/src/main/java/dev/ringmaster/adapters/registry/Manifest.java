package dev.ringmaster.adapters.registry;

/** A manifest exactly as the registry stored it: retagging PUTs these bytes unchanged, so the digest stays the same. */
record Manifest(String digest, String mediaType, byte[] bytes) {
}

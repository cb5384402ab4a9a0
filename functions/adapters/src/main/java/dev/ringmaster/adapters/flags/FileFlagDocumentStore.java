package dev.ringmaster.adapters.flags;

import dev.ringmaster.core.port.RolloutTarget;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A JSON flag document in a local file ({@code file:flags.json}, {@code file:///srv/flags.json}). The version
 * token is the SHA-256 of the bytes read. A write takes the sibling {@code <name>.lock} file's lock (and, since
 * the JVM lets only one channel hold it, a lock per path inside this process too), checks the file still
 * hashes to the token, writes a temporary file beside it and moves it over the old one atomically, so a
 * reader never sees half a document and a writer that lost the race writes nothing.
 */
final class FileFlagDocumentStore implements FlagDocumentStore {
    private static final ConcurrentMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();
    private static final String ABSENT = "absent";
    private final Path file;
    private final String url;

    FileFlagDocumentStore(Path file, String url) {
        this.file = file.toAbsolutePath().normalize();
        this.url = url;
    }

    /** {@code file:PATH}, {@code file:/PATH} or {@code file:///PATH}; refuses a host or an empty path. */
    static FileFlagDocumentStore at(String url) {
        String rest = url.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            if (slash != 2) {
                throw new RolloutTarget.Refused("flag store url '" + url + "': a file: url names a local file (file:///PATH), not a host");
            }
            rest = rest.substring(2);
        }
        if (rest.isBlank()) {
            throw new RolloutTarget.Refused("flag store url '" + url + "' names no file");
        }
        return new FileFlagDocumentStore(Path.of(rest), url);
    }

    @Override
    public Snapshot read() {
        byte[] bytes = bytes();
        return new Snapshot(JsonFlagDocument.parse(bytes, url), bytes == null ? ABSENT : hash(bytes), "");
    }

    @Override
    public boolean write(Snapshot read) {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            throw new RolloutTarget.Refused("flag store url '" + url + "': directory " + dir + " does not exist");
        }
        synchronized (IN_PROCESS.computeIfAbsent(file, f -> new Object())) {
            try (FileChannel lock = FileChannel.open(dir.resolve(file.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                byte[] now = bytes();
                if (!read.version().equals(now == null ? ABSENT : hash(now))) {
                    return false;
                }
                Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
                try {
                    Files.write(temp, read.document().bytes());
                    move(temp);
                } finally {
                    Files.deleteIfExists(temp);
                }
                return true;
            } catch (IOException e) {
                throw new RolloutTarget.Refused("flag store url '" + url + "': cannot write " + file + ": " + e);
            }
        }
    }

    @Override
    public String describe() {
        return url;
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file's bytes, or null when there is no file yet. */
    private byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RolloutTarget.Refused("flag store url '" + url + "': cannot read " + file + ": " + e);
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

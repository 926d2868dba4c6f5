package org.pujiang.server.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Asset files by content: {@code data-dir/assets/sha256/ab/cd/abcd…} where the name is the file's SHA-256. A file
 * is written to a temporary name and moved into place atomically, so a reader never sees half of one, and storing
 * the same bytes twice keeps one copy. Safe from any thread.
 */
public final class ContentStore {
    private final Path root;

    public ContentStore(Path dataDir) {
        this.root = dataDir.resolve("assets").resolve("sha256");
    }

    /** SHA-256 of some bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code bytes} under their hash (hex); a no-op when they are stored already. */
    public void put(String hash, byte[] bytes) {
        Path target = path(hash);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true); // the log entry naming this file is durable; the file must be too
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store asset file " + hash, e);
        }
    }

    public Optional<byte[]> get(String hash) {
        Path p = path(hash);
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset file " + hash, e);
        }
    }

    private Path path(String hash) {
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + hash);
        }
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }
}

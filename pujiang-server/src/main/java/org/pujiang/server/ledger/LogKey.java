package org.pujiang.server.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.pujiang.ledger.checkpoint.FormatException;
import org.pujiang.ledger.checkpoint.SigningKey;

/**
 * The log's Ed25519 signing key, made on first start and kept in {@code data-dir/ledger/log.key} (owner-only
 * permissions) in the signed-note private key format. The key's name is the log's origin: the first line of every
 * checkpoint. Losing the file means a new key and a new origin — a new log as far as verifiers are concerned —
 * so back it up with the database.
 */
public final class LogKey {
    private LogKey() {}

    /**
     * Loads the key, or makes one named {@code origin} (or a made-up origin when empty).
     *
     * @throws IllegalStateException when the file exists but is not a key, or names another origin than the
     *     configured one
     */
    public static SigningKey loadOrCreate(Path dataDir, String origin) {
        Path file = dataDir.resolve("ledger").resolve("log.key");
        try {
            if (!Files.exists(file)) {
                String name = origin.isEmpty() ? madeUpOrigin() : origin;
                SigningKey key = SigningKey.generate(name);
                Files.createDirectories(file.getParent());
                write(file, key.skey() + "\n");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            SigningKey key;
            try {
                key = SigningKey.fromSkey(text);
            } catch (FormatException e) {
                throw new IllegalStateException(file + " is not a log signing key: " + e.getMessage());
            }
            if (!origin.isEmpty() && !origin.equals(key.name())) {
                throw new IllegalStateException("ledger.origin is '" + origin + "' but the log's key in " + file
                        + " is for '" + key.name() + "'; a log keeps its origin for life (remove the setting, or start"
                        + " a new log in a new data dir)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the log key " + file, e);
        }
    }

    private static String madeUpOrigin() {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        return "pujiang.local/log/" + HexFormat.of().formatHex(id);
    }

    private static void write(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            return; // made by a node starting at the same moment; use theirs
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}

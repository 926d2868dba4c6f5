package org.pujiang.ledger.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a signed note (C2SP signed-note "Signatures"):
 * {@code — <name> base64(keyId || signature)}. The signature bytes are whatever the key's type defines: 64 bytes
 * of Ed25519 for a log key (type 0x01), {@code timestamp(8) || Ed25519(64)} for a cosignature/v1 (type 0x04).
 * The line does not say its type; a verifier that knows the name and key ID does.
 *
 * <p>Immutable; compares by content (arrays are copied in and out).
 */
public record NoteSignature(String name, byte[] keyId, byte[] signature) {
    /** The em dash (U+2014) and space that start every signature line. */
    static final String PREFIX = "\u2014 ";

    public NoteSignature {
        if (!NoteText.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name " + (name == null ? "null" : "\"" + name + "\""));
        }
        if (keyId.length != NoteText.KEY_ID_SIZE) {
            throw new IllegalArgumentException("a key ID is 4 bytes, got " + keyId.length);
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("empty signature");
        }
        keyId = keyId.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The key ID as 8 lower-case hex digits, as in a vkey. */
    public String keyIdHex() {
        return NoteText.hex(keyId);
    }

    /** Whether this signature claims to be by the key with this name and ID. */
    public boolean isBy(String keyName, byte[] id) {
        return name.equals(keyName) && Arrays.equals(keyId, id);
    }

    /** The signature line without its final newline. */
    public String line() {
        return PREFIX + name + " " + NoteText.base64(keyId, signature);
    }

    /**
     * Parses one signature line, with or without its final newline. The base64 payload must hold the 4-byte key ID
     * and at least one signature byte (note.go's {@code len(sig) < 5} check).
     */
    public static NoteSignature parseLine(String line) throws FormatException {
        Objects.requireNonNull(line, "line");
        String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (!text.startsWith(PREFIX)) {
            throw new FormatException("malformed note signature: a signature line starts with \"\u2014 \"");
        }
        String rest = text.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new FormatException("malformed note signature: want \"\u2014 name base64\"");
        }
        String name = rest.substring(0, space);
        if (!NoteText.isValidName(name)) {
            throw new FormatException("malformed note signature: invalid key name");
        }
        byte[] payload = NoteText.decodeBase64(rest.substring(space + 1), "malformed note signature: signature");
        if (payload.length <= NoteText.KEY_ID_SIZE) {
            throw new FormatException("malformed note signature: signature of " + payload.length
                    + " bytes is too short");
        }
        return new NoteSignature(name, Arrays.copyOf(payload, NoteText.KEY_ID_SIZE),
                Arrays.copyOfRange(payload, NoteText.KEY_ID_SIZE, payload.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && name.equals(s.name) && Arrays.equals(keyId, s.keyId)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(keyId), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return line();
    }
}

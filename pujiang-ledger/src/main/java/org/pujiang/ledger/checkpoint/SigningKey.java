package org.pujiang.ledger.checkpoint;

import java.security.PrivateKey;
import java.util.Arrays;

/**
 * A log's Ed25519 note signing key (C2SP signed-note "Ed25519 signatures", type 0x01), the counterpart of Go's
 * {@code note.NewSigner}. Signs checkpoint bodies; see {@link SignedNote#sign}.
 *
 * <p>Immutable; any thread may call. {@link #toString()} never shows the secret.
 */
public final class SigningKey implements NoteKey {
    private final String name;
    private final byte[] seed;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final PrivateKey privateKey;

    private SigningKey(String name, byte[] seed) {
        this.name = name;
        this.seed = seed;
        this.publicKey = Ed25519.publicKey(seed);
        this.keyId = NoteText.keyId(name, NoteText.TYPE_ED25519, publicKey);
        this.privateKey = Ed25519.privateKey(seed);
    }

    /** A new random key named {@code name} (a valid note key name: no spaces, no '+'). */
    public static SigningKey generate(String name) {
        if (!NoteText.isValidName(name)) {
            throw new IllegalArgumentException("invalid note key name \"" + name + "\": it must be non-empty, without"
                    + " spaces or '+'");
        }
        return new SigningKey(name, Ed25519.generateSeed());
    }

    /** The key from its {@link #skey()} text; the key ID in it must match the key. */
    public static SigningKey fromSkey(String skey) throws FormatException {
        NoteText.ParsedKey parsed = NoteText.parseSkey(skey, "signing key");
        if (parsed.type() != NoteText.TYPE_ED25519) {
            throw new FormatException("signing key has type " + (parsed.type() & 0xff) + ", want 1 (Ed25519)");
        }
        if (parsed.key().length != Ed25519.KEY_SIZE) {
            throw new FormatException("signing key must hold a 32-byte Ed25519 seed");
        }
        SigningKey key = new SigningKey(parsed.name(), parsed.key());
        if (!Arrays.equals(key.keyId, parsed.keyId())) {
            throw new FormatException("signing key ID " + NoteText.hex(parsed.keyId()) + " does not match the key");
        }
        return key;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public String vkey() {
        return NoteText.vkey(name, keyId, NoteText.TYPE_ED25519, publicKey);
    }

    @Override
    public String skey() {
        return NoteText.skey(name, keyId, NoteText.TYPE_ED25519, seed);
    }

    /** The 64-byte Ed25519 signature of {@code message} (for a note: the body's UTF-8 bytes). */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    /** The verifier for this key's {@link #vkey()}. */
    public NoteVerifier verifier() {
        return NoteVerifier.of(name, publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[" + name + "+" + NoteText.hex(keyId) + "]";
    }
}

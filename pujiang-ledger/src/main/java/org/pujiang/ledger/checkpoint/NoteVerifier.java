package org.pujiang.ledger.checkpoint;

import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;

/**
 * Verifies Ed25519 note signatures (type 0x01) by one key, given as a vkey; the counterpart of Go's
 * {@code note.NewVerifier}. See {@link SignedNote#verifiedBy}.
 *
 * <p>Immutable; any thread may call.
 */
public final class NoteVerifier {
    private final String name;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final PublicKey key;

    private NoteVerifier(String name, byte[] publicKey, PublicKey key) {
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = NoteText.keyId(name, NoteText.TYPE_ED25519, publicKey);
        this.key = key;
    }

    static NoteVerifier of(String name, byte[] publicKey) {
        try {
            return new NoteVerifier(name, publicKey, Ed25519.publicKeyFromRaw(publicKey));
        } catch (InvalidKeySpecException e) {
            throw new IllegalStateException("our own public key was rejected", e);
        }
    }

    /** Parses {@code name+hex(keyId)+base64(0x01 || publicKey)} and checks the key ID. */
    public static NoteVerifier parse(String vkey) throws FormatException {
        NoteText.ParsedKey parsed = NoteText.parseVkey(vkey, "verifier key");
        if (parsed.type() != NoteText.TYPE_ED25519) {
            throw new FormatException("verifier key has type " + (parsed.type() & 0xff) + ", want 1 (Ed25519)");
        }
        if (parsed.key().length != Ed25519.KEY_SIZE) {
            throw new FormatException("verifier key must hold a 32-byte Ed25519 public key");
        }
        try {
            return new NoteVerifier(parsed.name(), parsed.key(), Ed25519.publicKeyFromRaw(parsed.key()));
        } catch (InvalidKeySpecException e) {
            throw new FormatException("verifier key is not an Ed25519 public key");
        }
    }

    public String name() {
        return name;
    }

    /** A copy of the 4-byte key ID. */
    public byte[] keyId() {
        return keyId.clone();
    }

    public String vkey() {
        return NoteText.vkey(name, keyId, NoteText.TYPE_ED25519, publicKey);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(key, message, signature);
    }

    @Override
    public String toString() {
        return "NoteVerifier[" + name + "+" + NoteText.hex(keyId) + "]";
    }
}

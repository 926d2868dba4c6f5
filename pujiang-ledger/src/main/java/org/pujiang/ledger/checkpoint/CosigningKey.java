package org.pujiang.ledger.checkpoint;

import java.security.PrivateKey;
import java.util.Arrays;

/**
 * A witness's Ed25519 cosigning key (C2SP tlog-cosignature, cosignature/v1, signature type 0x04). Its key ID uses
 * type byte 0x04, so the same Ed25519 key used as a plain note key (0x01) has another ID and its cosignatures
 * cannot be mistaken for log signatures, nor the reverse.
 *
 * <p>Immutable; any thread may call. {@link #toString()} never shows the secret.
 */
public final class CosigningKey implements NoteKey {
    private final String name;
    private final byte[] seed;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final PrivateKey privateKey;

    private CosigningKey(String name, byte[] seed) {
        this.name = name;
        this.seed = seed;
        this.publicKey = Ed25519.publicKey(seed);
        this.keyId = NoteText.keyId(name, NoteText.TYPE_COSIGNATURE_V1, publicKey);
        this.privateKey = Ed25519.privateKey(seed);
    }

    /** A new random key named {@code name} (a valid note key name: no spaces, no '+'). */
    public static CosigningKey generate(String name) {
        if (!NoteText.isValidName(name)) {
            throw new IllegalArgumentException("invalid note key name \"" + name + "\": it must be non-empty, without"
                    + " spaces or '+'");
        }
        return new CosigningKey(name, Ed25519.generateSeed());
    }

    /**
     * The key from its {@link #skey()} text (type 0x04). Like transparency-dev/formats
     * {@code NewSignerForCosignatureV1}, a plain Ed25519 note skey (type 0x01) is accepted too, so a witness can
     * reuse a key made by Go's {@code note.GenerateKey}; each form's key ID must match its own type.
     */
    public static CosigningKey fromSkey(String skey) throws FormatException {
        NoteText.ParsedKey parsed = NoteText.parseSkey(skey, "cosigning key");
        byte type = parsed.type();
        if (type != NoteText.TYPE_COSIGNATURE_V1 && type != NoteText.TYPE_ED25519) {
            throw new FormatException("cosigning key has type " + (type & 0xff) + ", want 4 (cosignature/v1)");
        }
        if (parsed.key().length != Ed25519.KEY_SIZE) {
            throw new FormatException("cosigning key must hold a 32-byte Ed25519 seed");
        }
        CosigningKey key = new CosigningKey(parsed.name(), parsed.key());
        byte[] expected = NoteText.keyId(key.name, type, key.publicKey);
        if (!Arrays.equals(expected, parsed.keyId())) {
            throw new FormatException("cosigning key ID " + NoteText.hex(parsed.keyId()) + " does not match the key");
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
        return NoteText.vkey(name, keyId, NoteText.TYPE_COSIGNATURE_V1, publicKey);
    }

    @Override
    public String skey() {
        return NoteText.skey(name, keyId, NoteText.TYPE_COSIGNATURE_V1, seed);
    }

    /**
     * The cosignature/v1 of {@code checkpoint} at {@code unixSeconds} (the time of signing; ≥ 0): a signature line
     * whose payload is {@code timestamp(8) || Ed25519(64)}. Add it to the log's note with
     * {@link SignedNote#withSignature}.
     */
    public NoteSignature cosign(Checkpoint checkpoint, long unixSeconds) {
        if (unixSeconds < 0) {
            throw new IllegalArgumentException("cosignature time must be >= 0 seconds, got " + unixSeconds);
        }
        byte[] signature = Ed25519.sign(privateKey, Cosignatures.message(checkpoint, unixSeconds));
        return new NoteSignature(name, keyId, Cosignatures.timestamped(unixSeconds, signature));
    }

    /** The verifier for this key's {@link #vkey()}. */
    public CosignatureVerifier verifier() {
        return CosignatureVerifier.of(name, publicKey);
    }

    @Override
    public String toString() {
        return "CosigningKey[" + name + "+" + NoteText.hex(keyId) + "]";
    }
}

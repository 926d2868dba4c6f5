package org.pujiang.ledger.checkpoint;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Verifies one witness's cosignature/v1 signatures (C2SP tlog-cosignature) from its vkey (type 0x04).
 *
 * <p>Immutable; any thread may call.
 */
public final class CosignatureVerifier {
    private final String name;
    private final byte[] publicKey;
    private final byte[] keyId;
    private final PublicKey key;

    private CosignatureVerifier(String name, byte[] publicKey, PublicKey key) {
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = NoteText.keyId(name, NoteText.TYPE_COSIGNATURE_V1, publicKey);
        this.key = key;
    }

    static CosignatureVerifier of(String name, byte[] publicKey) {
        try {
            return new CosignatureVerifier(name, publicKey, Ed25519.publicKeyFromRaw(publicKey));
        } catch (InvalidKeySpecException e) {
            throw new IllegalStateException("our own public key was rejected", e);
        }
    }

    /**
     * Parses {@code name+hex(keyId)+base64(0x04 || publicKey)} and checks the key ID. A type-0x01 vkey is refused:
     * a witness publishes its cosigning key as such, and guessing would give it a second key ID.
     */
    public static CosignatureVerifier parse(String vkey) throws FormatException {
        NoteText.ParsedKey parsed = NoteText.parseVkey(vkey, "witness key");
        if (parsed.type() != NoteText.TYPE_COSIGNATURE_V1) {
            throw new FormatException("witness key has type " + (parsed.type() & 0xff)
                    + ", want 4 (Ed25519 cosignature/v1)");
        }
        if (parsed.key().length != Ed25519.KEY_SIZE) {
            throw new FormatException("witness key must hold a 32-byte Ed25519 public key");
        }
        try {
            return new CosignatureVerifier(parsed.name(), parsed.key(), Ed25519.publicKeyFromRaw(parsed.key()));
        } catch (InvalidKeySpecException e) {
            throw new FormatException("witness key is not an Ed25519 public key");
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
        return NoteText.vkey(name, keyId, NoteText.TYPE_COSIGNATURE_V1, publicKey);
    }

    /**
     * The cosignature's timestamp (Unix seconds) when {@code signature} is this witness's valid cosignature/v1 of
     * {@code checkpoint}; empty when it is by another key (name or key ID differ), malformed, or does not verify.
     * Timestamps above 2^63 - 1 are refused ("It MUST NOT exceed 2^63 - 1"); whether a time is acceptable (not in
     * the future, recent enough) is the caller's policy.
     */
    public OptionalLong verify(Checkpoint checkpoint, NoteSignature signature) {
        if (!signature.isBy(name, keyId)) {
            return OptionalLong.empty();
        }
        byte[] payload = signature.signature();
        if (payload.length != Cosignatures.SIGNATURE_SIZE) {
            return OptionalLong.empty();
        }
        long time = ByteBuffer.wrap(payload).getLong();
        if (time < 0) {
            return OptionalLong.empty();
        }
        byte[] ed25519 = Arrays.copyOfRange(payload, Cosignatures.TIMESTAMP_SIZE, payload.length);
        return Ed25519.verify(key, Cosignatures.message(checkpoint, time), ed25519)
                ? OptionalLong.of(time)
                : OptionalLong.empty();
    }

    /**
     * The timestamp of this witness's valid cosignature on {@code note}, whose body must be a checkpoint; empty when
     * the body is not one or no signature of this witness verifies.
     */
    public OptionalLong verify(SignedNote note) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.body());
        } catch (FormatException e) {
            return OptionalLong.empty();
        }
        for (NoteSignature s : note.signatures()) {
            OptionalLong time = verify(checkpoint, s);
            if (time.isPresent()) {
                return time;
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "CosignatureVerifier[" + name + "+" + NoteText.hex(keyId) + "]";
    }
}

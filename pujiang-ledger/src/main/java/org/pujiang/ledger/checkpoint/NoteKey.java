package org.pujiang.ledger.checkpoint;

/**
 * A private note key with its public half: a log's checkpoint signing key ({@link SigningKey}, signature type 0x01)
 * or a witness's cosigning key ({@link CosigningKey}, type 0x04). Both share the Go note text forms: {@link #vkey()}
 * to publish, {@link #skey()} to keep secret.
 */
public sealed interface NoteKey permits SigningKey, CosigningKey {
    /** The key name, e.g. the log origin or the witness's schema-less URL. */
    String name();

    /** {@code SHA-256(name || 0x0A || type || publicKey)[:4]}. A copy. */
    byte[] keyId();

    /** {@code name+hex(keyId)+base64(type || publicKey)}: safe to publish. */
    String vkey();

    /** {@code PRIVATE+KEY+name+hex(keyId)+base64(type || seed)}: the secret, in Go's note format. */
    String skey();
}

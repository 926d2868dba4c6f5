package org.pujiang.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens: {@code pj1.<payload>.<mac>}, where payload is base64url of the 16-byte session id
 * and the 8-byte expiry in epoch seconds, and mac is HMAC-SHA256 over {@code pj1.<payload>}.
 * The signature lets a node reject forged or expired tokens without a database read; revocation is
 * checked against the session store. Thread-safe.
 */
public final class TokenCodec {
    private static final String PREFIX = "pj1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What a well-signed token says. */
    public record Claims(UUID sessionId, Instant expiresAt) {}

    /** Why a token was refused. */
    public enum Problem { MALFORMED, BAD_SIGNATURE, EXPIRED }

    /** A verification outcome: claims, or the problem. */
    public sealed interface Verified {
        record Ok(Claims claims) implements Verified {}

        record Refused(Problem problem) implements Verified {}
    }

    private final SecretKeySpec key;

    public TokenCodec(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("token key must be at least 32 bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String sign(Claims claims) {
        ByteBuffer payload = ByteBuffer.allocate(24);
        payload.putLong(claims.sessionId().getMostSignificantBits());
        payload.putLong(claims.sessionId().getLeastSignificantBits());
        payload.putLong(claims.expiresAt().getEpochSecond());
        String signed = PREFIX + B64.encodeToString(payload.array());
        return signed + "." + B64.encodeToString(mac(signed));
    }

    public Verified verify(String token, Instant now) {
        if (token == null || token.length() > 128 || !token.startsWith(PREFIX)) {
            return new Verified.Refused(Problem.MALFORMED);
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            return new Verified.Refused(Problem.MALFORMED);
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = B64D.decode(token.substring(PREFIX.length(), dot));
            mac = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Verified.Refused(Problem.MALFORMED);
        }
        if (payload.length != 24) {
            return new Verified.Refused(Problem.MALFORMED);
        }
        if (!MessageDigest.isEqual(mac, mac(token.substring(0, dot)))) {
            return new Verified.Refused(Problem.BAD_SIGNATURE);
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        UUID id = new UUID(b.getLong(), b.getLong());
        Instant expires = Instant.ofEpochSecond(b.getLong());
        if (!now.isBefore(expires)) {
            return new Verified.Refused(Problem.EXPIRED);
        }
        return new Verified.Ok(new Claims(id, expires));
    }

    private byte[] mac(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

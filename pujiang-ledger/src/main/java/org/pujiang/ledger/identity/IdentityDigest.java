package org.pujiang.ledger.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What is stored in place of an ID number: HMAC-SHA256 under a server secret. The same number always gives the
 * same digest on one server (so one number verifies one account), and without the secret the digest cannot be
 * turned back into the number by trying all of them (there are only about 10^11 plausible numbers). Pure; safe from
 * any thread.
 */
public final class IdentityDigest {
    private IdentityDigest() {}

    /**
     * Lower-case hex HMAC-SHA256 (64 characters) of the normalised number ({@link IdCheck.Valid#normalised()}).
     *
     * @param secretSalt the server's secret key, not empty
     */
    public static String of(byte[] secretSalt, String normalised) {
        Objects.requireNonNull(normalised, "normalised");
        if (secretSalt == null || secretSalt.length == 0) {
            throw new IllegalArgumentException("the identity digest needs a secret key");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretSalt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

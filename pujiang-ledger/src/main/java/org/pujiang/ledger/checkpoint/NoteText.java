package org.pujiang.ledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Shared rules of C2SP signed-note text: key names, key IDs, base64, and the vkey/skey encodings. */
final class NoteText {
    /** Signature type bytes (C2SP signed-note "Signature types"). */
    static final byte TYPE_ED25519 = 0x01;
    static final byte TYPE_COSIGNATURE_V1 = 0x04;

    static final int KEY_ID_SIZE = 4;

    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

    private NoteText() {
    }

    /** C2SP signed-note: "Key names MUST be non-empty and MUST NOT contain any Unicode spaces or plus". */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || !isValidText(name)) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || cp < 0x20 || isUnicodeSpace(cp));
    }

    /** Go's unicode.IsSpace, which note.go uses: Java's two space predicates together cover it. */
    private static boolean isUnicodeSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /**
     * C2SP signed-note: "MUST be valid UTF-8 and MUST NOT contain any ASCII control characters other than newline".
     * A Java string is valid UTF-8 unless it holds an unpaired surrogate.
     */
    static boolean isValidText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code SHA-256(name || 0x0A || type || publicKey)[:4]} (C2SP signed-note, tlog-cosignature). */
    static byte[] keyId(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(type);
            md.update(publicKey);
            return Arrays.copyOf(md.digest(), KEY_ID_SIZE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String base64(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return base64(joined);
    }

    /**
     * Standard padded base64 (RFC 4648 §4) in its one canonical spelling. Java's decoder accepts missing padding
     * and non-zero trailing bits; re-encoding rejects both, so one value has exactly one text form.
     */
    static byte[] decodeBase64(String text, String what) throws FormatException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException(what + " is not valid base64");
        }
        if (!base64(bytes).equals(text)) {
            throw new FormatException(what + " is not canonical padded base64");
        }
        return bytes;
    }

    static String hex(byte[] keyId) {
        return HexFormat.of().formatHex(keyId);
    }

    /** A key in vkey form: {@code name+hex(keyId)+base64(type || key)}; the key ID is checked against the key. */
    record ParsedKey(String name, byte[] keyId, byte type, byte[] key) {
    }

    /** Parses {@code <name>+<hex key ID>+<base64(type || key)>} and checks the key ID (Go's note.NewVerifier). */
    static ParsedKey parseVkey(String vkey, String what) throws FormatException {
        if (vkey == null) {
            throw new FormatException(what + " is missing");
        }
        // the base64 part may itself contain '+', so split at the first two only, like note.go's chop
        int first = vkey.indexOf('+');
        int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
        if (second < 0) {
            throw new FormatException(what + " must look like name+keyid+base64key");
        }
        return parseParts(vkey.substring(0, first), vkey.substring(first + 1, second), vkey.substring(second + 1),
                what, true);
    }

    /**
     * Parses {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>} (Go's note.NewSigner). The key ID
     * cannot be checked until the caller derives the public key.
     */
    static ParsedKey parseSkey(String skey, String what) throws FormatException {
        if (skey == null || !skey.startsWith(PRIVATE_PREFIX)) {
            throw new FormatException(what + " must start with " + PRIVATE_PREFIX);
        }
        String rest = skey.substring(PRIVATE_PREFIX.length());
        int first = rest.indexOf('+');
        int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
        if (second < 0) {
            throw new FormatException(what + " must look like PRIVATE+KEY+name+keyid+base64key");
        }
        return parseParts(rest.substring(0, first), rest.substring(first + 1, second), rest.substring(second + 1),
                what, false);
    }

    private static ParsedKey parseParts(String name, String hash, String key64, String what, boolean checkId)
            throws FormatException {
        if (!isValidName(name)) {
            throw new FormatException(what + " has an invalid key name");
        }
        if (hash.length() != 2 * KEY_ID_SIZE) {
            throw new FormatException(what + " key ID must be 8 hex digits");
        }
        byte[] keyId;
        try {
            keyId = HexFormat.of().parseHex(hash);
        } catch (IllegalArgumentException e) {
            throw new FormatException(what + " key ID must be 8 hex digits");
        }
        byte[] typed = decodeBase64(key64, what + " key");
        if (typed.length == 0) {
            throw new FormatException(what + " key is empty");
        }
        byte[] key = Arrays.copyOfRange(typed, 1, typed.length);
        if (checkId && !Arrays.equals(keyId, keyId(name, typed[0], key))) {
            throw new FormatException(what + " key ID " + hash + " does not match the key");
        }
        return new ParsedKey(name, keyId, typed[0], key);
    }

    static String vkey(String name, byte[] keyId, byte type, byte[] publicKey) {
        return name + "+" + hex(keyId) + "+" + base64(new byte[] {type}, publicKey);
    }

    static String skey(String name, byte[] keyId, byte type, byte[] seed) {
        return PRIVATE_PREFIX + name + "+" + hex(keyId) + "+" + base64(new byte[] {type}, seed);
    }
}

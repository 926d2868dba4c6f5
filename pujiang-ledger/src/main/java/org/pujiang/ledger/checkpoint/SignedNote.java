package org.pujiang.ledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: a text (the {@code body}, ending in a newline) and one or more signature lines, written as
 * {@code body \n (— name base64 \n)+}. Signatures by keys nobody here knows are kept as they are, because
 * "clients MUST ignore unknown signatures" (tlog-checkpoint "Signatures") and witnesses add theirs to the same note.
 *
 * <p>Immutable. Any thread may call.
 */
public record SignedNote(String body, List<NoteSignature> signatures) {
    /**
     * The most signatures {@link #parse} accepts. C2SP signed-note: verifiers "MUST accept at least up to 16";
     * Go's note.Open stops at 100.
     */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        Objects.requireNonNull(body, "body");
        if (body.isEmpty() || !body.endsWith("\n") || !NoteText.isValidText(body)) {
            throw new IllegalArgumentException("a note body is non-empty text without control characters that ends"
                    + " in a newline");
        }
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a signed note has 1 to " + MAX_SIGNATURES + " signatures, got "
                    + signatures.size());
        }
    }

    /** The body signed by each key in turn (at least one). */
    public static SignedNote sign(String body, SigningKey... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("signing a note needs at least one key");
        }
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> signatures = new ArrayList<>(keys.length);
        for (SigningKey key : keys) {
            signatures.add(new NoteSignature(key.name(), key.keyId(), key.sign(message)));
        }
        return new SignedNote(body, signatures);
    }

    /** The note text: body, blank line, one line per signature (C2SP signed-note "Format"). */
    public String format() {
        StringBuilder text = new StringBuilder(body.length() + 120 * signatures.size());
        text.append(body).append('\n');
        for (NoteSignature signature : signatures) {
            text.append(signature.line()).append('\n');
        }
        return text.toString();
    }

    /**
     * Parses a signed note. "The text is separated from the signatures by the last empty line in the note"
     * (C2SP signed-note "Format"); every line after it must be a signature line.
     */
    public static SignedNote parse(String text) throws FormatException {
        Objects.requireNonNull(text, "text");
        if (!NoteText.isValidText(text)) {
            throw new FormatException("malformed note: control characters or invalid UTF-16");
        }
        int split = text.lastIndexOf("\n\n");
        if (split < 0) {
            throw new FormatException("malformed note: no blank line before the signatures");
        }
        String body = text.substring(0, split + 1);
        String block = text.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new FormatException("malformed note: the signatures must end in a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        int at = 0;
        while (at < block.length()) {
            int end = block.indexOf('\n', at);
            if (signatures.size() == MAX_SIGNATURES) {
                throw new FormatException("malformed note: more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(NoteSignature.parseLine(block.substring(at, end)));
            at = end + 1;
        }
        return new SignedNote(body, signatures);
    }

    /**
     * This note with {@code signature} added last, replacing any signature by the same key (name and key ID), as
     * Go's note.Sign does when a key signs again.
     */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> next = new ArrayList<>(signatures.size() + 1);
        for (NoteSignature s : signatures) {
            if (!s.isBy(signature.name(), signature.keyId())) {
                next.add(s);
            }
        }
        next.add(signature);
        return new SignedNote(body, next);
    }

    /**
     * Whether {@code verifier}'s key signed this note: at least one signature carries its name and key ID, and every
     * such signature verifies. C2SP signed-note: "If a signature from a known key fails to verify, clients SHOULD
     * reject the whole note."
     */
    public boolean verifiedBy(NoteVerifier verifier) {
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        byte[] keyId = verifier.keyId();
        boolean any = false;
        for (NoteSignature s : signatures) {
            if (s.isBy(verifier.name(), keyId)) {
                if (!verifier.verify(message, s.signature())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}

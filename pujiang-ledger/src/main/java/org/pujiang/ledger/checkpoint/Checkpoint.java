package org.pujiang.ledger.checkpoint;

import java.util.Arrays;
import java.util.Objects;
import org.pujiang.ledger.tree.Hashes;

/**
 * A log's tree head: its origin (the log's name), its size and the RFC 9162 root of the first {@code size} entries.
 * {@link #body()} is the C2SP tlog-checkpoint note text, the exact bytes a log signs and witnesses cosign; like
 * transparency-dev/formats {@code log.Checkpoint} it has the three mandatory lines and nothing else, because
 * extension lines are "NOT RECOMMENDED, as they are not auditable" (tlog-checkpoint "Note text").
 *
 * <p>Immutable; compares by content (the root array is copied in and out).
 */
public record Checkpoint(String origin, long size, byte[] root) {
    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        String problem = originProblem(origin);
        if (problem != null) {
            throw new IllegalArgumentException("checkpoint origin " + problem);
        }
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint size must be >= 0, got " + size);
        }
        if (root.length != Hashes.SIZE) {
            throw new IllegalArgumentException("checkpoint root must be " + Hashes.SIZE + " bytes, got "
                    + root.length);
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** {@code origin \n size \n base64(root) \n} (tlog-checkpoint "Note text"; formats {@code Marshal}). */
    public String body() {
        return origin + "\n" + size + "\n" + NoteText.base64(root) + "\n";
    }

    /**
     * Parses a checkpoint body: exactly three newline-terminated lines. Error messages follow
     * transparency-dev/formats {@code Unmarshal} where it has one.
     */
    public static Checkpoint parse(String body) throws FormatException {
        Objects.requireNonNull(body, "body");
        int first = body.indexOf('\n');
        int second = first < 0 ? -1 : body.indexOf('\n', first + 1);
        int third = second < 0 ? -1 : body.indexOf('\n', second + 1);
        if (third < 0) {
            throw new FormatException("invalid checkpoint - too few newlines");
        }
        String origin = body.substring(0, first);
        String sizeText = body.substring(first + 1, second);
        String rootText = body.substring(second + 1, third);
        if (origin.isEmpty()) {
            throw new FormatException("invalid checkpoint - empty origin");
        }
        String problem = originProblem(origin);
        if (problem != null) {
            throw new FormatException("invalid checkpoint - origin " + problem);
        }
        long size = parseSize(sizeText);
        byte[] root = NoteText.decodeBase64(rootText, "invalid checkpoint - invalid hash: root");
        if (root.length != Hashes.SIZE) {
            throw new FormatException("invalid checkpoint - invalid hash: root is " + root.length + " bytes, want "
                    + Hashes.SIZE);
        }
        if (third + 1 != body.length()) {
            throw new FormatException("invalid checkpoint - unexpected lines after the root hash");
        }
        return new Checkpoint(origin, size, root);
    }

    /**
     * tlog-checkpoint: "the ASCII decimal representation of the number of leaves in the tree, with no leading
     * zeroes". {@code Long.parseLong} would also take "+5" and "-0", so digits are checked first.
     */
    private static long parseSize(String text) throws FormatException {
        boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new FormatException("invalid checkpoint - size invalid: \"" + text + "\"");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FormatException("invalid checkpoint - size invalid: " + text + " is too large");
        }
    }

    private static String originProblem(String origin) {
        if (origin.isEmpty()) {
            return "must not be empty";
        }
        if (origin.indexOf('\n') >= 0 || !NoteText.isValidText(origin)) {
            return "must be one line of text without control characters";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && size == c.size && origin.equals(c.origin) && Arrays.equals(root, c.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(root));
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + size + ", " + NoteText.base64(root) + "]";
    }
}

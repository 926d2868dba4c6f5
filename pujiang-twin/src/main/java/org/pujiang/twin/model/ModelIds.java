package org.pujiang.twin.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax of model ids: any URI with a scheme (TM), and DTMIs (DTDL v3 §"Digital Twin Model Identifier"). */
final class ModelIds {
    static final int MAX_LENGTH = 2048;

    private static final Pattern URI_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+");
    private static final String SEGMENT = "[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?";
    /** The DTDL v3 grammar; group 1 is the version (major, with an optional minor). */
    private static final Pattern DTMI = Pattern.compile(
            "dtmi:" + SEGMENT + "(?::" + SEGMENT + ")*(?:;([1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?))?");

    private ModelIds() {
    }

    /** Null when valid, else why not. */
    static String problemWithUri(String id) {
        if (id.length() > MAX_LENGTH) {
            return "id is longer than " + MAX_LENGTH + " characters";
        }
        if (!URI_LIKE.matcher(id).matches()) {
            return "id " + id + " is not a URI (expected e.g. urn:pujiang:model:press or dtmi:pujiang:Press;1)";
        }
        return null;
    }

    static boolean isDtmi(String id) {
        return id.length() <= MAX_LENGTH && DTMI.matcher(id).matches();
    }

    /** The version after {@code ;}, or null when the DTMI has none or the id is not a DTMI. */
    static String dtmiVersion(String id) {
        Matcher m = DTMI.matcher(id);
        return m.matches() ? m.group(1) : null;
    }
}

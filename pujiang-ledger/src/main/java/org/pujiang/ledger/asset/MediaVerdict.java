package org.pujiang.ledger.asset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What {@link MediaCheck} found in a file: one of our formats, or why it is refused. */
public sealed interface MediaVerdict {
    /** @param details what the header says (width, height, sample rate, ...), for display */
    record Accepted(MediaFormat format, String mime, Map<String, Object> details) implements MediaVerdict {
        public Accepted {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(mime, "mime");
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details)); // in the order the header gives them
        }
    }

    /**
     * @param code asset:file.empty, asset:format.unsupported, asset:format.corrupt or asset:format.mismatch
     */
    record Rejected(String code, String message) implements MediaVerdict {}
}

package org.pujiang.server.error;

import java.time.Duration;
import java.util.List;

/**
 * An expected refusal, answered as {@code {"error": code, "message": text}} with the code's status.
 * {@code field} names the offending JSON field where there is one; {@code retryAfter} sets the
 * Retry-After header; {@code problems}, when not empty, are answered as an {@code errors} array of
 * {@code {pointer, message}} (every problem in a submitted document). No stack trace is captured: these are outcomes, not bugs.
 */
public final class ApiException extends RuntimeException {
    /** One problem in a submitted document: an RFC 6901 pointer into it ({@code ""} = the root) and what is wrong. */
    public record Problem(String pointer, String message) {}

    private final ErrorCode error;
    private final String field;
    private final Duration retryAfter;
    private final List<Problem> problems;

    public ApiException(ErrorCode error, String message) {
        this(error, message, null, null);
    }

    public ApiException(ErrorCode error, String message, String field, Duration retryAfter) {
        this(error, message, field, retryAfter, List.of());
    }

    public ApiException(ErrorCode error, String message, String field, Duration retryAfter, List<Problem> problems) {
        super(message, null, false, false);
        this.error = error;
        this.field = field;
        this.retryAfter = retryAfter;
        this.problems = List.copyOf(problems);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.FIELD_INVALID, message, field, null);
    }

    public static ApiException missing(String field) {
        return new ApiException(ErrorCode.FIELD_MISSING, field + " is required", field, null);
    }

    public ErrorCode error() {
        return error;
    }

    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Every problem found in a submitted document; empty for most errors. */
    public List<Problem> problems() {
        return problems;
    }
}

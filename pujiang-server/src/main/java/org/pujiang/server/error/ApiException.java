package org.pujiang.server.error;

import java.time.Duration;

/**
 * An expected refusal, answered as {@code {"error": code, "message": text}} with the code's status.
 * {@code field} names the offending JSON field where there is one; {@code retryAfter} sets the
 * Retry-After header. No stack trace is captured: these are outcomes, not bugs.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode error;
    private final String field;
    private final Duration retryAfter;

    public ApiException(ErrorCode error, String message) {
        this(error, message, null, null);
    }

    public ApiException(ErrorCode error, String message, String field, Duration retryAfter) {
        super(message, null, false, false);
        this.error = error;
        this.field = field;
        this.retryAfter = retryAfter;
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
}

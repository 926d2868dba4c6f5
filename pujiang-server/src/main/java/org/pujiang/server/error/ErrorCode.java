package org.pujiang.server.error;

/**
 * Every error the REST API can answer, each with its one stable code and HTTP status.
 * Codes are namespaced ({@code area:thing.problem}) and never change meaning once published;
 * clients match on them, not on messages. The OpenAPI document (GET /api/openapi.json) lists them.
 */
public enum ErrorCode {
    JSON_MALFORMED("request:json.malformed", 400),
    QUERY_INVALID("request:query.invalid", 400),
    FIELD_MISSING("request:field.missing", 422),
    FIELD_INVALID("request:field.invalid", 422),
    BODY_TOO_LARGE("request:body.too-large", 413),
    MEDIA_TYPE_UNSUPPORTED("request:media-type.unsupported", 415),

    TOKEN_MISSING("auth:token.missing", 401),
    TOKEN_INVALID("auth:token.invalid", 401),
    TOKEN_EXPIRED("auth:token.expired", 401),
    SESSION_REVOKED("auth:session.revoked", 401),
    CREDENTIALS_INVALID("auth:credentials.invalid", 401),
    LOGIN_THROTTLED("auth:login.throttled", 429),
    FORBIDDEN("auth:forbidden", 403),
    USERNAME_TAKEN("auth:username.taken", 409),

    SPACE_NOT_FOUND("space:not-found", 404),
    SPACE_CONFLICT("space:conflict", 409),

    TWIN_MODEL_INVALID("twin:model.invalid", 422),
    TWIN_MODEL_EXISTS("twin:model.exists", 409),
    TWIN_MODEL_NOT_FOUND("twin:model.not-found", 404),
    TWIN_MODEL_IN_USE("twin:model.in-use", 409),
    TWIN_NOT_FOUND("twin:not-found", 404),
    TWIN_EXISTS("twin:exists", 409),
    TWIN_PAYLOAD_MALFORMED("twin:payload.malformed", 422),
    TWIN_PAYLOAD_INVALID("twin:payload.invalid", 422),
    TWIN_CLOCK_SKEW("twin:payload.clock-skew", 422),
    TWIN_NOT_AUTHORISED("twin:not-authorised", 403),
    TWIN_RATE_LIMITED("twin:rate-limited", 429),
    TWIN_OVERLOADED("twin:overloaded", 503),
    TWIN_DEVICE_OFFLINE("twin:device-offline", 409),
    TWIN_TIMEOUT("twin:timeout", 504),
    TWIN_LINK_INVALID("twin:link.invalid", 422),
    TWIN_BINDING_NOT_FOUND("twin:binding.not-found", 404),

    RULE_INVALID("rule:invalid", 422),
    RULE_NOT_FOUND("rule:not-found", 404),
    ALERT_NOT_FOUND("alert:not-found", 404),
    ALERT_STATE("alert:state-conflict", 409),
    WEBHOOK_INVALID("webhook:invalid", 422),
    WEBHOOK_NOT_FOUND("webhook:not-found", 404),

    NOT_FOUND("http:not-found", 404),
    METHOD_NOT_ALLOWED("http:method.not-allowed", 405),
    DB_UNAVAILABLE("server:db.unavailable", 503),
    INTERNAL("server:internal", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}

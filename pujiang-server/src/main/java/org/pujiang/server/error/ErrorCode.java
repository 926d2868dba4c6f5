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

    LEDGER_NO_CHECKPOINT("ledger:checkpoint.none", 503),
    LEDGER_CHECKPOINT_UNKNOWN("ledger:checkpoint.unknown", 409),
    LEDGER_COSIGNATURE_INVALID("ledger:cosignature.invalid", 422),
    LEDGER_WITNESS_UNKNOWN("ledger:witness.unknown", 403),
    LEDGER_RANGE_INVALID("ledger:range.invalid", 400),
    LEDGER_OVERLOADED("ledger:overloaded", 503),

    IDENTITY_ID_INVALID("identity:id-number.invalid", 422),
    IDENTITY_ID_TAKEN("identity:id-number.taken", 409),
    IDENTITY_NAME_INVALID("identity:name.invalid", 422),

    ASSET_NOT_FOUND("asset:not-found", 404),
    ASSET_EXISTS("asset:exists", 409),
    ASSET_EDITION_NOT_FOUND("asset:edition.not-found", 404),
    ASSET_NOT_HOLDER("asset:not-holder", 403),
    ASSET_NOT_CREATOR("asset:not-creator", 403),
    ASSET_EDITION_BURNED("asset:edition.burned", 409),
    ASSET_HOLDING_PERIOD("asset:holding-period", 409),
    ASSET_TRANSFER_LIMIT("asset:transfer-limit", 429),
    ASSET_IDENTITY_UNVERIFIED("asset:identity.unverified", 403),
    ASSET_IDENTITY_MINOR("asset:identity.minor", 403),
    ASSET_CREATOR_NOT_APPROVED("asset:creator.not-approved", 403),
    ASSET_EDITIONS_EXHAUSTED("asset:editions.exhausted", 409),
    ASSET_SELF_TRANSFER("asset:self-transfer", 422),
    ASSET_RECIPIENT_NOT_FOUND("asset:recipient.not-found", 404),
    ASSET_FILE_EMPTY("asset:file.empty", 422),
    ASSET_FILE_TOO_LARGE("asset:file.too-large", 413),
    ASSET_FORMAT_UNSUPPORTED("asset:format.unsupported", 422),
    ASSET_FORMAT_CORRUPT("asset:format.corrupt", 422),
    ASSET_FORMAT_MISMATCH("asset:format.mismatch", 422),
    ASSET_SLOT_INVALID("asset:slot.invalid", 422),
    ASSET_SLOT_TAKEN("asset:slot.taken", 409),
    ASSET_PLACEMENT_NOT_FOUND("asset:placement.not-found", 404),

    AGENT_NOT_FOUND("agent:not-found", 404),
    AGENT_SPACE_FULL("agent:space.full", 409),
    AGENT_KB_INVALID("agent:kb.invalid", 422),
    AGENT_KB_VERSION_NOT_FOUND("agent:kb.version-not-found", 404),
    AGENT_QUESTION_EMPTY("agent:question.empty", 422),
    AGENT_QUESTION_TOO_LONG("agent:question.too-long", 422),
    AGENT_QUESTION_REFUSED("agent:question.refused", 422),
    AGENT_OVERLOADED("agent:overloaded", 503),
    AGENT_HANDOFF_NOT_FOUND("agent:handoff.not-found", 404),

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

    /** The constant with this wire code, e.g. {@code asset:not-holder}. */
    public static java.util.Optional<ErrorCode> ofCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}

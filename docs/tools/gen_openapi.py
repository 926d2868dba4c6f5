#!/usr/bin/env python3
"""Generates pujiang-server/src/main/resources/openapi.json, the document served at GET /api/openapi.json.

The committed JSON is what the server serves; this script only makes it easier to keep it tidy.
It follows the code in pujiang-server (http/ApiRoutes.java, HttpApi.java, Views.java, Fields.java,
Call.java, error/ErrorCode.java, auth/AuthService.java, space/SpaceService.java, twin/TwinModelService.java,
http/LedgerRoutes.java, http/AssetRoutes.java, ledger/, http/AgentRoutes.java, agent/), pujiang-space,
pujiang-twin, pujiang-ledger and pujiang-agent.
When those change, change this script to match and run it again:

    python3 docs/tools/gen_openapi.py            # writes the file
    python3 docs/tools/gen_openapi.py --check    # exits 1 when the file is out of date

After generating it checks that every $ref resolves and, when openapi-spec-validator is installed,
validates the document against the OpenAPI 3.1 schema.
"""
import base64
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGET = ROOT / "pujiang-server/src/main/resources/openapi.json"

# --- facts taken from the code -------------------------------------------------------------------

# error/ErrorCode.java: code -> HTTP status, in declaration order.
ERROR_CODES = [
    ("request:json.malformed", 400),
    ("request:query.invalid", 400),
    ("request:field.missing", 422),
    ("request:field.invalid", 422),
    ("request:body.too-large", 413),
    ("request:media-type.unsupported", 415),
    ("auth:token.missing", 401),
    ("auth:token.invalid", 401),
    ("auth:token.expired", 401),
    ("auth:session.revoked", 401),
    ("auth:credentials.invalid", 401),
    ("auth:login.throttled", 429),
    ("auth:forbidden", 403),
    ("auth:username.taken", 409),
    ("space:not-found", 404),
    ("space:conflict", 409),
    ("twin:model.invalid", 422),
    ("twin:model.exists", 409),
    ("twin:model.not-found", 404),
    ("twin:model.in-use", 409),
    ("twin:not-found", 404),
    ("twin:exists", 409),
    ("twin:payload.malformed", 422),
    ("twin:payload.invalid", 422),
    ("twin:payload.clock-skew", 422),
    ("twin:not-authorised", 403),
    ("twin:rate-limited", 429),
    ("twin:overloaded", 503),
    ("twin:device-offline", 409),
    ("twin:timeout", 504),
    ("twin:link.invalid", 422),
    ("twin:binding.not-found", 404),
    ("rule:invalid", 422),
    ("rule:not-found", 404),
    ("alert:not-found", 404),
    ("alert:state-conflict", 409),
    ("webhook:invalid", 422),
    ("webhook:not-found", 404),
    ("ledger:checkpoint.none", 503),
    ("ledger:checkpoint.unknown", 409),
    ("ledger:cosignature.invalid", 422),
    ("ledger:witness.unknown", 403),
    ("ledger:range.invalid", 400),
    ("ledger:overloaded", 503),
    ("identity:id-number.invalid", 422),
    ("identity:id-number.taken", 409),
    ("identity:name.invalid", 422),
    ("asset:not-found", 404),
    ("asset:exists", 409),
    ("asset:edition.not-found", 404),
    ("asset:not-holder", 403),
    ("asset:not-creator", 403),
    ("asset:edition.burned", 409),
    ("asset:holding-period", 409),
    ("asset:transfer-limit", 429),
    ("asset:identity.unverified", 403),
    ("asset:identity.minor", 403),
    ("asset:creator.not-approved", 403),
    ("asset:editions.exhausted", 409),
    ("asset:self-transfer", 422),
    ("asset:recipient.not-found", 404),
    ("asset:file.empty", 422),
    ("asset:file.too-large", 413),
    ("asset:format.unsupported", 422),
    ("asset:format.corrupt", 422),
    ("asset:format.mismatch", 422),
    ("asset:slot.invalid", 422),
    ("asset:slot.taken", 409),
    ("asset:placement.not-found", 404),
    ("agent:not-found", 404),
    ("agent:space.full", 409),
    ("agent:kb.invalid", 422),
    ("agent:kb.version-not-found", 404),
    ("agent:question.empty", 422),
    ("agent:question.too-long", 422),
    ("agent:question.refused", 422),
    ("agent:overloaded", 503),
    ("agent:handoff.not-found", 404),
    ("http:not-found", 404),
    ("http:method.not-allowed", 405),
    ("server:db.unavailable", 503),
    ("server:internal", 500),
]

# pujiang-space SpaceTemplate.java: wire name, default capacity, default (width, height, depth) in metres.
TEMPLATES = [
    ("exhibition", 200, (80, 20, 60)),
    ("meeting", 24, (20, 6, 14)),
    ("classroom", 60, (24, 6, 18)),
    ("gallery", 100, (50, 12, 30)),
    ("factory", 100, (200, 30, 120)),
    ("city", 1000, (4000, 600, 4000)),
    ("service-hall", 150, (60, 12, 40)),
    ("empty", 50, (100, 50, 100)),
]
VISIBILITIES = ["public", "unlisted", "private"]
ROLES = ["admin", "operator", "member", "guest"]

USERNAME_MIN, USERNAME_MAX = 3, 32          # AuthService
PASSWORD_MIN, PASSWORD_MAX = 8, 256         # AuthService
DISPLAY_NAME_MAX = 64                       # AuthService
NAME_MAX, DESCRIPTION_MAX = 100, 2000       # SpaceLimits
CAPACITY_MAX, MEMBERS_MAX = 10_000, 1000    # SpaceLimits
PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT = 100, 20  # SpaceService, ApiRoutes
MAX_EXTENT, MIN_EXTENT = 100_000, 1         # Bounds

# --- examples --------------------------------------------------------------------------------------

ADMIN_ID = "01969f3a-52c0-7b21-9e4d-3f6a8b1c2d3e"
USER_ID = "0196a0c4-1e2f-7a3b-8c4d-5e6f7a8b9c0d"
GUEST_ID = "0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b"
MEMBER_ID = "0196a0d9-4b5c-7d6e-9f80-a1b2c3d4e5f6"
SPACE_ID = "0196a0e7-3c1d-7f2a-b4c5-d6e7f8091a2b"
SPACE2_ID = "0196a0e8-9a8b-7c6d-8e5f-4a3b2c1d0e9f"
TOKEN = "pj1.AZahsnw9fk-KW2x9jp8KGwAAAABoE-DQ.1hs2_O9blu41REkF-QwA6ZsWBUKHCNJoSwLCG0DE3mg"

USER_EXAMPLE = {
    "id": USER_ID, "username": "liming", "displayName": "李明", "role": "member",
    "createdAt": "2025-04-28T06:12:45.318Z",
}
GUEST_EXAMPLE = {
    "id": GUEST_ID, "username": "guest-1x9k2m7q", "displayName": "游客", "role": "guest",
    "createdAt": "2025-05-01T09:00:00.042Z",
}


def centred(w, h, d):
    return {"minX": -w / 2, "minY": 0, "minZ": -d / 2, "maxX": w / 2, "maxY": h, "maxZ": d / 2}


def tidy(b):
    return {k: (int(v) if float(v).is_integer() else v) for k, v in b.items()}


SPACE_EXAMPLE = {
    "id": SPACE_ID,
    "name": "浦江数字展览馆",
    "description": "数字展览馆：展位与展品，访客无需注册即可参观。\nA digital exhibition hall with booths and exhibits.",
    "owner": {"id": USER_ID, "displayName": "李明"},
    "template": "exhibition",
    "visibility": "public",
    "capacity": 200,
    "online": 37,
    "bounds": tidy(centred(80, 20, 60)),
    "createdAt": "2025-05-01T09:30:12.507Z",
    "updatedAt": "2025-05-01T09:30:12.507Z",
    "version": 1,
    "members": [],
}
PRIVATE_SPACE_EXAMPLE = {
    "id": SPACE2_ID,
    "name": "项目例会 Weekly Sync",
    "description": "",
    "owner": {"id": USER_ID, "displayName": "李明"},
    "template": "meeting",
    "visibility": "private",
    "capacity": 12,
    "online": 0,
    "bounds": tidy(centred(20, 6, 14)),
    "createdAt": "2025-05-01T10:02:44.190Z",
    "updatedAt": "2025-05-02T08:15:03.761Z",
    "version": 3,
    "members": [{"id": MEMBER_ID, "username": "wangfang", "displayName": "王芳"}],
}


def listed(space):
    s = dict(space)
    del s["members"]
    return s


# --- helpers ---------------------------------------------------------------------------------------

def ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


def schema(name):
    return ref("schemas", name)


def resp(name):
    return ref("responses", name)


REQUEST_ID_HEADER = {"X-Request-Id": ref("headers", "X-Request-Id")}


def json_content(schema_obj, examples=None, example=None):
    c = {"schema": schema_obj}
    if examples:
        c["examples"] = examples
    if example is not None:
        c["example"] = example
    return {"application/json": c}


def err(code, message, field=None):
    e = {"error": code, "message": message}
    if field:
        e["field"] = field
    return e


def error_response(description, codes, examples, headers=None):
    """A components/responses entry: the Error schema narrowed to the codes this response may carry."""
    narrowed = {
        "allOf": [
            schema("Error"),
            {"properties": {"error": {"enum": codes}}},
        ]
    }
    h = dict(REQUEST_ID_HEADER)
    if headers:
        h.update(headers)
    return {
        "description": description,
        "headers": h,
        "content": json_content(narrowed, examples={k: {"summary": s, "value": v} for k, (s, v) in examples.items()}),
    }


def code_list():
    return "\n".join(f"| `{c}` | {s} |" for c, s in ERROR_CODES)


# --- components ------------------------------------------------------------------------------------

STRING_RULES = ("Lengths are counted in Unicode code points after trimming surrounding white space; "
                "the value is stored trimmed and NFC-normalised.")

schemas = {}

schemas["ErrorCode"] = {
    "type": "string",
    "description": "A stable, namespaced error code (`area:thing.problem`). Codes never change meaning once "
                   "published; clients should match on them, not on `message`.\n\n| code | HTTP status |\n|---|---|\n"
                   + code_list(),
    "enum": [c for c, _ in ERROR_CODES],
}

schemas["Error"] = {
    "type": "object",
    "description": "Every error answer, whatever the status, has this shape.",
    "required": ["error", "message"],
    "properties": {
        "error": {**schema("ErrorCode"), "description": "The error code; see ErrorCode."},
        "message": {"type": "string",
                    "description": "A human-readable explanation in English. It may change between versions; "
                                   "do not parse it."},
        "field": {"type": "string",
                  "description": "The request body field at fault, for `request:field.missing`, "
                                 "`request:field.invalid` and `auth:username.taken`; `file` for a refused upload "
                                 "(`asset:file.*`, `asset:format.*`) and `slot` for `asset:slot.invalid`. Nested "
                                 "fields are written with a dot, e.g. `bounds.minX`.",
                  "examples": ["name", "bounds.minX"]},
    },
    "examples": [err("request:field.invalid", "capacity must be 1 to 10000, got 0", "capacity")],
}

schemas["Role"] = {
    "type": "string",
    "enum": ROLES,
    "description": "What an account may do. `admin`: manages accounts and everything else; `operator`: builds and "
                   "runs any space; `member`: creates and manages their own spaces; `guest`: a temporary account "
                   "from `POST /api/auth/guest` that visits public and unlisted spaces.",
}

USERNAME_SCHEMA = {
    "type": "string",
    "minLength": USERNAME_MIN,
    "maxLength": USERNAME_MAX,
    "description": f"{USERNAME_MIN} to {USERNAME_MAX} code points after trimming; letters (any script), digits, "
                   "`_`, `.` and `-`, starting with a letter or digit, i.e. `[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*` "
                   "(left out as a `pattern` because not every tool supports Unicode property escapes). The stored name is "
                   "trimmed and NFKC-normalised. Usernames are unique ignoring case (compared as NFKC, lower case), "
                   "and names starting with `guest-` (any case) are reserved for guests.",
    "examples": ["liming", "zhang.wei", "浦江小王"],
}

DISPLAY_NAME_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": DISPLAY_NAME_MAX,
    "description": f"1 to {DISPLAY_NAME_MAX} code points, no control characters. {STRING_RULES}",
    "examples": ["李明"],
}

schemas["RegisterRequest"] = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": USERNAME_SCHEMA,
        "password": {
            "type": "string",
            "format": "password",
            "minLength": PASSWORD_MIN,
            "maxLength": PASSWORD_MAX,
            "writeOnly": True,
            "description": f"{PASSWORD_MIN} to {PASSWORD_MAX} code points, taken as sent (not trimmed). It must "
                           "differ from the username (compared ignoring case).",
        },
        "displayName": {**DISPLAY_NAME_SCHEMA,
                        "description": DISPLAY_NAME_SCHEMA["description"]
                        + " Optional: left out or null, the username is used. An empty or blank value is refused."},
    },
    "description": "Fields that are null count as left out. Other fields are ignored.",
    "examples": [{"username": "liming", "password": "黄浦江畔-2025!", "displayName": "李明"}],
}

schemas["LoginRequest"] = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": {"type": "string",
                     "description": "The username, matched ignoring case (as NFKC, lower case) after trimming.",
                     "examples": ["liming"]},
        "password": {"type": "string", "format": "password", "writeOnly": True},
    },
    "examples": [{"username": "liming", "password": "黄浦江畔-2025!"}],
}

schemas["GuestRequest"] = {
    "type": "object",
    "properties": {
        "displayName": {**DISPLAY_NAME_SCHEMA,
                        "description": DISPLAY_NAME_SCHEMA["description"]
                        + " Optional: left out, null, empty or blank, the server picks a name like `Guest 1X9K`."},
    },
    "description": "The whole body is optional.",
    "examples": [{"displayName": "游客"}, {}],
}

schemas["User"] = {
    "type": "object",
    "description": "An account.",
    "required": ["id", "username", "displayName", "role", "createdAt"],
    "properties": {
        "id": {"type": "string", "format": "uuid", "description": "A time-ordered UUID (version 7)."},
        "username": {"type": "string", "description": "Guests get a generated `guest-…` name."},
        "displayName": {"type": "string"},
        "role": schema("Role"),
        "createdAt": {"type": "string", "format": "date-time",
                      "description": "UTC, ISO 8601, millisecond precision (trailing zero digits are left out)."},
    },
    "examples": [USER_EXAMPLE],
}

schemas["SignIn"] = {
    "type": "object",
    "description": "A new session. Send `token` as `Authorization: Bearer <token>` on later calls.",
    "required": ["token", "expiresAt", "user"],
    "properties": {
        "token": {
            "type": "string",
            "pattern": "^pj1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
            "maxLength": 128,
            "description": "An opaque session token, currently `pj1.<payload>.<mac>` (80 characters): base64url "
                           "of the session id and expiry, and an HMAC-SHA256 over them. Treat it as opaque and "
                           "secret.",
        },
        "expiresAt": {"type": "string", "format": "date-time",
                      "description": "When the session ends (UTC, whole seconds): 12 hours after sign-in for "
                                     "accounts, 4 hours for guests, by default (server settings `auth.session-ttl`, "
                                     "`auth.guest-ttl`)."},
        "user": schema("User"),
    },
    "examples": [{"token": TOKEN, "expiresAt": "2025-05-01T21:00:00Z", "user": USER_EXAMPLE}],
}

schemas["Template"] = {
    "type": "string",
    "enum": [t for t, _, _ in TEMPLATES],
    "description": "What kind of place a space is: it picks the layout the client builds and the defaults a new "
                   "space gets when `capacity` or `bounds` is left out.\n\n"
                   "| template | default capacity | default bounds (width × height × depth, m) |\n|---|---|---|\n"
                   + "\n".join(f"| `{t}` | {c} | {w} × {h} × {d} |" for t, c, (w, h, d) in TEMPLATES)
                   + "\n\nDefault bounds are centred on the origin in x and z and run from the floor at y = 0 "
                     "up to the height.",
}

schemas["Visibility"] = {
    "type": "string",
    "enum": VISIBILITIES,
    "description": "Who can find and enter a space. `public`: listed for every signed-in caller, guests included, "
                   "and open to all. `unlisted`: not listed (except to its owner, members, operators and admins) "
                   "but anyone signed in, guests included, may open it by id. `private`: only the owner, listed "
                   "members, operators and admins see it; everyone else gets 404.",
}

schemas["Bounds"] = {
    "type": "object",
    "description": f"The axis-aligned box, in metres, that a space's world occupies; y is up. On each axis "
                   f"min < max, both finite, and the extent (max − min) must be {MIN_EXTENT} m to {MAX_EXTENT} m "
                   f"(100 km); otherwise the request is refused with 422 and `field: bounds`. All six numbers are "
                   f"required when bounds are sent.",
    "required": ["minX", "minY", "minZ", "maxX", "maxY", "maxZ"],
    "properties": {k: {"type": "number", "description": "Metres."}
                   for k in ["minX", "minY", "minZ", "maxX", "maxY", "maxZ"]},
    "examples": [tidy(centred(80, 20, 60))],
}

schemas["SpaceOwner"] = {
    "type": "object",
    "required": ["id", "displayName"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "displayName": {"type": "string", "description": "The owner's current display name."},
    },
}

schemas["SpaceMember"] = {
    "type": "object",
    "description": "A user on a space's member list.",
    "required": ["id", "username", "displayName"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "username": {"type": "string"},
        "displayName": {"type": "string"},
    },
}

schemas["Space"] = {
    "type": "object",
    "description": "A space. `members` is present only on single-space answers (create, get, update) to "
                   "callers who may see the member list: the owner, operators, admins, and the members of a "
                   "private space. Listings never carry it.",
    "required": ["id", "name", "description", "owner", "template", "visibility", "capacity", "online", "bounds",
                 "createdAt", "updatedAt", "version"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
        "description": {"type": "string", "maxLength": DESCRIPTION_MAX, "description": "May be empty."},
        "owner": schema("SpaceOwner"),
        "template": schema("Template"),
        "visibility": schema("Visibility"),
        "capacity": {"type": "integer", "minimum": 1, "maximum": CAPACITY_MAX,
                     "description": "Most avatars the space admits at once."},
        "online": {"type": "integer", "minimum": 0,
                   "description": "People connected to the space now (their avatars in it), 0 when it is not "
                                  "running; a live figure, not stored."},
        "bounds": schema("Bounds"),
        "members": {"type": "array", "items": schema("SpaceMember"), "maxItems": MEMBERS_MAX,
                    "description": "The member list. Members may see and enter the space when it is private "
                                   "(and find it in listings when it is unlisted)."},
        "createdAt": {"type": "string", "format": "date-time"},
        "updatedAt": {"type": "string", "format": "date-time"},
        "version": {"type": "integer", "format": "int64", "minimum": 1,
                    "description": "1 on creation, one more after each successful update."},
    },
    "examples": [SPACE_EXAMPLE],
}

NAME_SCHEMA = {
    "type": "string", "minLength": 1, "maxLength": NAME_MAX,
    "description": f"1 to {NAME_MAX} code points, no control characters. {STRING_RULES}",
    "examples": ["浦江数字展览馆"],
}
DESCRIPTION_SCHEMA = {
    "type": "string", "maxLength": DESCRIPTION_MAX,
    "description": f"0 to {DESCRIPTION_MAX} code points; line breaks and tabs are allowed, other control "
                   f"characters are not. {STRING_RULES}",
}
CAPACITY_SCHEMA = {"type": "integer", "minimum": 1, "maximum": CAPACITY_MAX,
                   "description": "Most avatars at once. A number with a fractional part is refused."}
MEMBERS_SCHEMA = {
    "type": "array",
    "maxItems": MEMBERS_MAX,
    "items": {"type": "string", "description": "A username, matched ignoring case."},
    "description": f"Usernames of the members, at most {MEMBERS_MAX}; duplicates (ignoring case) and the "
                   "owner's own username are dropped. Every name must belong to an existing account that is not a guest, else 422 with "
                   "`field: members`. Members may open the space even when it is private.",
    "examples": [["wangfang", "zhang.wei"]],
}

schemas["SpaceCreate"] = {
    "type": "object",
    "description": "A new space. Fields that are null count as left out; unknown fields are ignored. "
                   "The caller becomes the owner.",
    "required": ["name", "template", "visibility"],
    "properties": {
        "name": NAME_SCHEMA,
        "description": {**DESCRIPTION_SCHEMA, "default": ""},
        "template": schema("Template"),
        "visibility": schema("Visibility"),
        "capacity": {**CAPACITY_SCHEMA,
                     "description": CAPACITY_SCHEMA["description"] + " Defaults to the template's capacity."},
        "bounds": {**schema("Bounds"), "description": "Defaults to the template's bounds."},
        "members": {**MEMBERS_SCHEMA, "default": []},
    },
    "examples": [{
        "name": "浦江数字展览馆",
        "description": "数字展览馆：展位与展品，访客无需注册即可参观。",
        "template": "exhibition",
        "visibility": "public",
    }],
}

schemas["SpacePatch"] = {
    "type": "object",
    "description": "The fields to change; fields left out (or null) keep their value. `members`, when present, "
                   "replaces the whole list. Changing `template` does not change capacity or bounds. Sending "
                   "`id`, `owner`, `createdAt` or `updatedAt` is refused with 422; unknown fields are ignored. "
                   "Send `version` (the one you last read) to refuse the change with 409 when someone changed "
                   "the space meanwhile. A patch that changes nothing answers the space as it is, same version.",
    "properties": {
        "name": NAME_SCHEMA,
        "description": DESCRIPTION_SCHEMA,
        "template": schema("Template"),
        "visibility": schema("Visibility"),
        "capacity": CAPACITY_SCHEMA,
        "bounds": schema("Bounds"),
        "members": MEMBERS_SCHEMA,
        "version": {"type": "integer", "format": "int64", "minimum": 1,
                    "description": "Optimistic concurrency: the version the change is based on. When the stored "
                                   "version differs, nothing changes and the answer is 409 space:conflict."},
    },
    "examples": [{"name": "浦江数字展览馆（二期）", "capacity": 500, "version": 1}, {"visibility": "private",
                                                                   "members": ["wangfang"]}],
}

schemas["SpacePage"] = {
    "type": "object",
    "description": "One page of a listing, newest space first.",
    "required": ["items", "total", "page", "size"],
    "properties": {
        "items": {"type": "array", "items": schema("Space"),
                  "description": "At most `size` spaces, without `members`."},
        "total": {"type": "integer", "format": "int64", "minimum": 0,
                  "description": "How many spaces match in all, across pages."},
        "page": {"type": "integer", "minimum": 1, "description": "The page asked for."},
        "size": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX, "description": "The size asked for."},
    },
    "examples": [{"items": [listed(SPACE_EXAMPLE)], "total": 1, "page": 1, "size": 20}],
}

schemas["Health"] = {
    "type": "object",
    "required": ["status", "db", "version", "uptimeSeconds"],
    "properties": {
        "status": {"type": "string", "enum": ["UP", "DOWN"],
                   "description": "UP when the database answers and the server is not shutting down."},
        "db": {"type": "string", "enum": ["UP", "DOWN"],
               "description": "Whether the database answered a ping within 2 seconds."},
        "version": {"type": "string", "description": "The server build's version.", "examples": ["0.1.0"]},
        "uptimeSeconds": {"type": "integer", "format": "int64", "minimum": 0},
        "error": {"const": "server:db.unavailable", "description": "Only when `status` is DOWN."},
        "message": {"type": "string", "description": "Only when `status` is DOWN: why."},
    },
}

TWIN_MODEL_ID = "urn:example:model:dimmable-lamp"
TWIN_MODEL_DOCUMENT = {
    "@context": ["https://www.w3.org/2022/wot/td/v1.1"],
    "@type": "tm:ThingModel",
    "id": TWIN_MODEL_ID,
    "title": "Dimmable Lamp",
    "version": {"model": "2.1.0"},
    "properties": {
        "brightness": {"type": "integer", "unit": "%", "minimum": 0, "maximum": 100, "observable": True},
    },
}
TWIN_MODEL_SUMMARY = {
    "id": TWIN_MODEL_ID,
    "version": "2.1.0",
    "title": "Dimmable Lamp",
    "sourceFormat": "tm",
    "createdAt": "2025-05-01T09:30:12.507Z",
    "retentionDays": None,
}
TWIN_MODEL_EXAMPLE = {**TWIN_MODEL_SUMMARY, "model": TWIN_MODEL_DOCUMENT}

schemas["TwinModelDocument"] = {
    "type": "object",
    "description": "A twin model as submitted: a W3C WoT Thing Model (TD 1.1 §10, the subset in "
                   "docs/twins-models.md), or a DTDL v3 interface, recognised by an `@context` that is or lists "
                   "`dtmi:dtdl:context;3`. A DTDL interface is imported as a Thing Model (the mapping is in "
                   "docs/twins-models.md).",
    "examples": [TWIN_MODEL_DOCUMENT],
}

TWIN_MODEL_SUMMARY_PROPERTIES = {
    "id": {"type": "string", "maxLength": 256,
           "description": "The model's id: the Thing Model's `id`, or the DTDL interface's `@id` (a DTMI)."},
    "version": {"type": ["string", "null"], "maxLength": 64,
                "description": "The model's own version (`version.model`; for DTDL the `;N` of the DTMI), or "
                               "null when it has none."},
    "title": {"type": ["string", "null"], "maxLength": 512,
              "description": "The model's title (DTDL: `displayName`), or null."},
    "sourceFormat": {"type": "string", "enum": ["tm", "dtdl"],
                     "description": "What the model was submitted as: a Thing Model, or a DTDL interface."},
    "createdAt": {"type": "string", "format": "date-time"},
    "retentionDays": {"type": ["integer", "null"], "minimum": 1, "maximum": 36500,
                      "description": "Days of history kept for this model's twins; null: the server default "
                                     "(`history.retention`). Set with `PATCH /api/models/{id}`."},
}

schemas["TwinModelSummary"] = {
    "type": "object",
    "description": "A stored twin model, without the model itself (listings).",
    "required": ["id", "version", "title", "sourceFormat", "createdAt", "retentionDays"],
    "properties": TWIN_MODEL_SUMMARY_PROPERTIES,
    "examples": [TWIN_MODEL_SUMMARY],
}

schemas["TwinModel"] = {
    "type": "object",
    "description": "A stored twin model with the model, always as a canonical Thing Model, whatever it was "
                   "submitted as.",
    "required": ["id", "version", "title", "sourceFormat", "createdAt", "retentionDays", "model"],
    "properties": {
        **TWIN_MODEL_SUMMARY_PROPERTIES,
        "model": {"type": "object", "description": "The model as a W3C WoT Thing Model, in canonical form."},
    },
    "examples": [TWIN_MODEL_EXAMPLE],
}

schemas["TwinModelPage"] = {
    "type": "object",
    "description": "One page of twin models, newest first.",
    "required": ["items", "total", "page", "size"],
    "properties": {
        "items": {"type": "array", "items": schema("TwinModelSummary"),
                  "description": "At most `size` models, without the model itself."},
        "total": {"type": "integer", "format": "int64", "minimum": 0, "description": "How many models in all."},
        "page": {"type": "integer", "minimum": 1, "description": "The page asked for."},
        "size": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX, "description": "The size asked for."},
    },
    "examples": [{"items": [TWIN_MODEL_SUMMARY], "total": 1, "page": 1, "size": 20}],
}

schemas["ModelProblem"] = {
    "type": "object",
    "description": "One problem in a submitted model document.",
    "required": ["pointer", "message"],
    "properties": {
        "pointer": {"type": "string", "description": "An RFC 6901 JSON pointer into the submitted document; "
                                                     "empty for the document itself.",
                    "examples": ["/properties/brightness"]},
        "message": {"type": "string", "description": "What is wrong, with the values involved."},
    },
}

parameters = {
    "TwinModelId": {
        "name": "id", "in": "path", "required": True,
        "description": "The model's id, percent-encoded (`:` and `;` may also be sent as they are). An unknown "
                       "id answers 404 `twin:model.not-found`.",
        "schema": {"type": "string", "maxLength": 256},
        "example": TWIN_MODEL_ID,
    },
    "SpaceId": {
        "name": "id", "in": "path", "required": True,
        "description": "The space's id, a UUID in its 36-character form. Anything else answers 404 "
                       "`space:not-found`.",
        "schema": {"type": "string", "format": "uuid"},
        "example": SPACE_ID,
    },
    "Q": {
        "name": "q", "in": "query", "required": False,
        "description": f"Only spaces whose name contains this text, ignoring case. Trimmed; empty means no "
                       f"filter; more than {NAME_MAX} code points answers 400 `request:query.invalid`.",
        "schema": {"type": "string", "maxLength": NAME_MAX, "default": ""},
        "example": "展览",
    },
    "Page": {
        "name": "page", "in": "query", "required": False,
        "description": "The page, counted from 1. Empty means the default. A page past the end answers an empty "
                       "`items` with the right `total`. `page × size` may be at most 1,000,000.",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    "Size": {
        "name": "size", "in": "query", "required": False,
        "description": f"Spaces per page, 1 to {PAGE_SIZE_MAX}. Empty means the default.",
        "schema": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX, "default": PAGE_SIZE_DEFAULT},
    },
    "Mine": {
        "name": "mine", "in": "query", "required": False,
        "description": "`true`: only the caller's own spaces, whatever their visibility. Only the exact values "
                       "`true` and `false` (or empty) are accepted.",
        "schema": {"type": "boolean", "default": False},
    },
}

headers = {
    "X-Request-Id": {
        "description": "An id the server gives every request; it appears in the access log. Quote it when "
                       "reporting a problem.",
        "schema": {"type": "string", "pattern": "^[0-9a-z]+$"},
        "example": "1y2k8f3q9x0ab",
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again (at least 1).",
        "schema": {"type": "integer", "minimum": 1},
        "example": 540,
    },
}

responses = {
    "BadRequest": error_response(
        "The request is malformed: the body is not a JSON object, or a query parameter is not valid.",
        ["request:json.malformed", "request:query.invalid"],
        {
            "malformed": ("Not valid JSON", err("request:json.malformed",
                                                "the body is not valid JSON: Failed to decode:Unexpected end-of-input")),
            "notObject": ("JSON, but not an object", err("request:json.malformed", "the body must be a JSON object")),
            "noBody": ("No body", err("request:json.malformed", "the request needs a JSON object body")),
        }),
    "QueryInvalid": error_response(
        "A query parameter is not valid.",
        ["request:query.invalid"],
        {
            "size": ("size out of range", err("request:query.invalid", "size must be 1 to 100, got 500")),
            "page": ("page not a number", err("request:query.invalid", "page must be a whole number, got 'two'")),
            "mine": ("mine not a boolean", err("request:query.invalid", "mine must be true or false, got 'yes'")),
        }),
    "Unauthorized": error_response(
        "No valid session: the Authorization header is missing or is not `Bearer <token>`, the token is forged "
        "or malformed, or the session has expired, been logged out or its account disabled.",
        ["auth:token.missing", "auth:token.invalid", "auth:token.expired", "auth:session.revoked"],
        {
            "missing": ("No token", err("auth:token.missing",
                                        "this call needs an Authorization: Bearer <token> header")),
            "invalid": ("Bad token", err("auth:token.invalid", "the token is not valid")),
            "expired": ("Expired session", err("auth:token.expired", "the session has expired; sign in again")),
            "revoked": ("Logged out", err("auth:session.revoked", "the session was ended; sign in again")),
        }),
    "CredentialsInvalid": error_response(
        "Wrong username or password. Unknown, disabled and guest accounts get the same answer.",
        ["auth:credentials.invalid"],
        {"wrong": ("Wrong password", err("auth:credentials.invalid", "wrong username or password"))}),
    "Forbidden": error_response(
        "The caller may see the space (or the resource) but not do this.",
        ["auth:forbidden"],
        {
            "guest": ("A guest creating a space",
                      err("auth:forbidden", "guests cannot create spaces; register to create one")),
            "notOwner": ("Not the owner", err("auth:forbidden",
                                              "only the owner, operators and admins may change this space")),
        }),
    "SpaceNotFound": error_response(
        "No such space, or one the caller may not see (private spaces answer 404, not 403, to outsiders), or "
        "the id is not a UUID.",
        ["space:not-found"],
        {"notFound": ("Unknown space", err("space:not-found", f"no space {SPACE_ID} that you may see"))}),
    "UsernameTaken": error_response(
        "The username is taken (ignoring case).",
        ["auth:username.taken"],
        {"taken": ("Taken", err("auth:username.taken", "the username 'liming' is taken", "username"))}),
    "SpaceConflict": error_response(
        "The space was changed or deleted by another request between reading and writing it; reload and retry.",
        ["space:conflict"],
        {"conflict": ("Concurrent change", err(
            "space:conflict",
            "the space was changed or deleted by someone else meanwhile; reload it and try again"))}),
    "TwinModelNotFound": error_response(
        "No twin model with this id.",
        ["twin:model.not-found"],
        {"notFound": ("Unknown model", err("twin:model.not-found", f"no twin model {TWIN_MODEL_ID}"))}),
    "TwinModelExists": error_response(
        "A twin model with this id is stored already. Models are immutable: delete the old one first, or give "
        "the new one another id (for DTDL, another version).",
        ["twin:model.exists"],
        {"exists": ("Duplicate id", err(
            "twin:model.exists", f"a twin model with id {TWIN_MODEL_ID} exists; delete it first, or give the new "
                                 "one another id or version"))}),
    "TwinModelInvalid": {
        "description": "The model is not valid. `message` names the first problem; `errors` lists every "
                       "problem found, each with a JSON pointer into the submitted document.",
        "headers": dict(REQUEST_ID_HEADER),
        "content": json_content({
            "allOf": [
                schema("Error"),
                {"required": ["errors"],
                 "properties": {"error": {"enum": ["twin:model.invalid"]},
                                "errors": {"type": "array", "minItems": 1, "items": schema("ModelProblem")}}},
            ]
        }, examples={"emptyRange": {"summary": "minimum above maximum", "value": {
            "error": "twin:model.invalid",
            "message": "the model is not valid: /properties/brightness: empty range: no value is at least "
                       "minimum 100 and at most maximum 0",
            "errors": [{"pointer": "/properties/brightness",
                        "message": "empty range: no value is at least minimum 100 and at most maximum 0"}]}}}),
    },
    "BodyTooLarge": error_response(
        "The body is larger than the server's limit (`http.max-body-bytes`, 65536 bytes by default).",
        ["request:body.too-large"],
        {"tooLarge": ("Too large", err("request:body.too-large",
                                       "the request body is larger than the limit of 65536 bytes"))}),
    "MediaTypeUnsupported": error_response(
        "The body is not declared as JSON: send `Content-Type: application/json` (or a `+json` type).",
        ["request:media-type.unsupported"],
        {"form": ("Form body", err("request:media-type.unsupported",
                                   "send the body as application/json, not application/x-www-form-urlencoded"))}),
    "FieldProblem": error_response(
        "A body field is missing or not valid; `field` names it.",
        ["request:field.missing", "request:field.invalid"],
        {
            "missing": ("Required field left out", err("request:field.missing", "name is required", "name")),
            "tooLong": ("Too long", err("request:field.invalid", "name must be at most 100 characters, got 120",
                                        "name")),
            "wrongType": ("Wrong type", err("request:field.invalid", "capacity must be a whole number, got a string",
                                            "capacity")),
            "enum": ("Not one of the values", err(
                "request:field.invalid",
                "template must be one of exhibition, meeting, classroom, gallery, factory, city, service-hall, "
                "empty, got 'museum'", "template")),
            "bounds": ("Bounds out of range", err(
                "request:field.invalid",
                "bounds on x must span 1 m to 100000 m with min < max, got min=10.0 max=5.0", "bounds")),
        }),
    "LoginThrottled": error_response(
        "Too many failed logins for this account from this address (5 per 15 minutes by default), or from this "
        "address across accounts (20 times that). Wait for `Retry-After` seconds.",
        ["auth:login.throttled"],
        {"throttled": ("Throttled", err("auth:login.throttled", "too many failed logins; try again in 540 s"))},
        headers={"Retry-After": ref("headers", "Retry-After")}),
    "DbUnavailable": error_response(
        "The database does not answer; try again shortly.",
        ["server:db.unavailable"],
        {"down": ("Database down", err("server:db.unavailable", "the database does not answer; try again shortly"))}),
    "Internal": error_response(
        "An unexpected server error. The message quotes the request id.",
        ["server:internal"],
        {"internal": ("Bug", err("server:internal",
                                 "an internal error occurred; quote request id 1y2k8f3q9x0ab when reporting it"))}),
}

components = {
    "securitySchemes": {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "pj1 session token",
            "description": "A session token from `POST /api/auth/login` or `POST /api/auth/guest`, sent as "
                           "`Authorization: Bearer <token>` (the scheme name is case-insensitive). Tokens are "
                           "signed and expire; logout revokes them.",
        },
        "deviceToken": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "device token",
            "description": "A twin's device token from `POST /api/twins/{id}/credentials`, sent as "
                           "`Authorization: Bearer <token>`. Accepted only by the ingestion routes "
                           "(`/api/twins/{id}/telemetry`, `/attributes`, `/update`) of its own twin; the same token "
                           "is the device's MQTT username (docs/mqtt.md). It does not expire; revoke it with "
                           "`DELETE /api/twins/{id}/credentials`.",
        },
    },
    "schemas": schemas,
    "parameters": parameters,
    "headers": headers,
    "responses": responses,
}

# --- paths -----------------------------------------------------------------------------------------


def ok(description, content=None):
    r = {"description": description, "headers": dict(REQUEST_ID_HEADER)}
    if content:
        r["content"] = content
    return r


def errors(*pairs):
    return {status: resp(name) for status, name in pairs}


E400 = ("400", "BadRequest")
E400Q = ("400", "QueryInvalid")
E401 = ("401", "Unauthorized")
E403 = ("403", "Forbidden")
E404 = ("404", "SpaceNotFound")
E413 = ("413", "BodyTooLarge")
E415 = ("415", "MediaTypeUnsupported")
E422 = ("422", "FieldProblem")
E500 = ("500", "Internal")
E503 = ("503", "DbUnavailable")


def body(name, required=True, description=None, examples=None):
    b = {"required": required, "content": json_content(schema(name), examples=examples)}
    if description:
        b["description"] = description
    return b


PUBLIC = {"security": []}

SPACE_ID_PARAM = [ref("parameters", "SpaceId")]

paths = {
    "/": {
        "get": {
            **PUBLIC,
            "operationId": "webClient",
            "tags": ["server"],
            "summary": "The browser client",
            "description": "The browser client's page (pujiang-web). `/login`, `/lobby` and `/s/{spaceId}` answer the "
                           "same page, which routes on the client, so that links to a space can be shared; its "
                           "scripts, models and images are under `/assets/`. A server built without the client "
                           "answers a small HTML page pointing to the API, its OpenAPI document, health and metrics. "
                           "Every one of these paths also answers HEAD.",
            "responses": {"200": ok("The page.", {"text/html": {"schema": {"type": "string"}}})},
        },
        "head": {
            **PUBLIC,
            "operationId": "webClientHead",
            "tags": ["server"],
            "summary": "The browser client's headers",
            "description": "As GET, without the body: for link checkers, proxies and uptime monitors.",
            "responses": {"200": ok("The page's headers.")},
        },
    },
    "/metrics": {"get": {
        **PUBLIC,
        "operationId": "metrics",
        "tags": ["server"],
        "summary": "Prometheus metrics",
        "description": "Metrics in the Prometheus text exposition format 0.0.4, for scraping. Not authenticated: "
                       "restrict access at the network or proxy.",
        "responses": {"200": ok("The current metrics.", {
            "text/plain; version=0.0.4; charset=utf-8": {"schema": {"type": "string"}}})},
    }},
    "/api/health": {"get": {
        **PUBLIC,
        "operationId": "health",
        "tags": ["server"],
        "summary": "Health check",
        "description": "Pings the database (2 s timeout). Answers 503 when the database does not answer or the "
                       "server is shutting down, so that load balancers stop sending traffic.",
        "responses": {
            "200": ok("The server is up.", json_content(schema("Health"), example={
                "status": "UP", "db": "UP", "version": "0.1.0", "uptimeSeconds": 86400})),
            "503": ok("The server is down or draining.", json_content(schema("Health"), examples={
                "dbDown": {"summary": "Database down", "value": {
                    "status": "DOWN", "db": "DOWN", "version": "0.1.0", "uptimeSeconds": 86400,
                    "error": "server:db.unavailable", "message": "the database does not answer"}},
                "draining": {"summary": "Shutting down", "value": {
                    "status": "DOWN", "db": "UP", "version": "0.1.0", "uptimeSeconds": 86400,
                    "error": "server:db.unavailable", "message": "the server is shutting down"}},
            })),
        },
    }},
    "/api/openapi.json": {"get": {
        **PUBLIC,
        "operationId": "openApiDocument",
        "tags": ["server"],
        "summary": "This OpenAPI document",
        "responses": {"200": ok("The OpenAPI 3.1 document describing this API.",
                                json_content({"type": "object"}))},
    }},
    "/api/auth/register": {"post": {
        **PUBLIC,
        "operationId": "register",
        "tags": ["auth"],
        "summary": "Register an account",
        "description": "Creates a member account. It does not sign in: call `POST /api/auth/login` next.",
        "requestBody": body("RegisterRequest", examples={
            "chinese": {"summary": "With a Chinese display name",
                        "value": {"username": "liming", "password": "黄浦江畔-2025!", "displayName": "李明"}},
            "minimal": {"summary": "Without a display name",
                        "value": {"username": "zhang.wei", "password": "correct horse battery"}},
        }),
        "responses": {
            "201": ok("The account was created.", json_content(schema("User"))),
            **errors(E400, ("409", "UsernameTaken"), E413, E415, E422, E500, E503),
        },
    }},
    "/api/auth/login": {"post": {
        **PUBLIC,
        "operationId": "login",
        "tags": ["auth"],
        "summary": "Sign in",
        "description": "Checks the password and opens a session. Repeated failures are throttled (429). Guest "
                       "accounts cannot log in.",
        "requestBody": body("LoginRequest"),
        "responses": {
            "200": ok("Signed in.", json_content(schema("SignIn"))),
            **errors(E400, ("401", "CredentialsInvalid"), E413, E415, E422, ("429", "LoginThrottled"), E500, E503),
        },
    }},
    "/api/auth/guest": {"post": {
        **PUBLIC,
        "operationId": "guest",
        "tags": ["auth"],
        "summary": "Enter as a guest",
        "description": "Creates a temporary guest account and a session, so that visitors can enter public and "
                       "unlisted spaces without registering. Guests cannot create spaces, log in with a "
                       "password, or be members of spaces. The body is optional; when there is one it must be "
                       "a JSON object sent as application/json.",
        "requestBody": body("GuestRequest", required=False),
        "responses": {
            "200": ok("Signed in as a guest.", json_content(schema("SignIn"), example={
                "token": TOKEN, "expiresAt": "2025-05-01T13:00:00Z", "user": GUEST_EXAMPLE})),
            **errors(E400, E413, E415, E422, E500, E503),
        },
    }},
    "/api/auth/logout": {"post": {
        "operationId": "logout",
        "tags": ["auth"],
        "summary": "Sign out",
        "description": "Revokes the caller's session; the token stops working at once on this node, and within "
                       "30 seconds on the other nodes of a cluster. A second logout with the same token answers "
                       "401 `auth:session.revoked`. Any body is ignored.",
        "responses": {
            "204": ok("Signed out."),
            **errors(E401, E500, E503),
        },
    }},
    "/api/me": {"get": {
        "operationId": "me",
        "tags": ["auth"],
        "summary": "The caller's account",
        "responses": {
            "200": ok("The signed-in user.", json_content(schema("User"))),
            **errors(E401, E500, E503),
        },
    }},
    "/api/spaces": {
        "post": {
            "operationId": "createSpace",
            "tags": ["spaces"],
            "summary": "Create a space",
            "description": "Creates a space owned by the caller. Guests may not (403). Capacity and bounds "
                           "default to the template's (see Template).",
            "requestBody": body("SpaceCreate", examples={
                "exhibition": {"summary": "An exhibition hall with the template's defaults", "value": {
                    "name": "浦江数字展览馆",
                    "description": "数字展览馆：展位与展品，访客无需注册即可参观。",
                    "template": "exhibition",
                    "visibility": "public"}},
                "privateMeeting": {"summary": "A private meeting room with members", "value": {
                    "name": "项目例会 Weekly Sync",
                    "template": "meeting",
                    "visibility": "private",
                    "capacity": 12,
                    "members": ["wangfang"]}},
                "customBounds": {"summary": "A factory floor with its own bounds", "value": {
                    "name": "临港智能工厂",
                    "template": "factory",
                    "visibility": "unlisted",
                    "capacity": 300,
                    "bounds": {"minX": 0, "minY": 0, "minZ": 0, "maxX": 400, "maxY": 40, "maxZ": 250}}},
            }),
            "responses": {
                "201": ok("The space was created.", json_content(schema("Space"), example=SPACE_EXAMPLE)),
                **errors(E400, E401, E403, E413, E415, E422, E500, E503),
            },
        },
        "get": {
            "operationId": "listSpaces",
            "tags": ["spaces"],
            "summary": "List spaces",
            "description": "Lists spaces newest first, without member lists. What is listed depends on the "
                           "caller: admins and operators see every space; members see public spaces plus their "
                           "own and those listing them as a member; guests see public spaces only. With "
                           "`mine=true`, only the caller's own spaces.",
            "parameters": [ref("parameters", p) for p in ["Q", "Page", "Size", "Mine"]],
            "responses": {
                "200": ok("A page of spaces.", json_content(schema("SpacePage"))),
                **errors(E400Q, E401, E500, E503),
            },
        },
    },
    "/api/spaces/{id}": {
        "parameters": SPACE_ID_PARAM,
        "get": {
            "operationId": "getSpace",
            "tags": ["spaces"],
            "summary": "Get a space",
            "description": "Any signed-in caller, guests included, may get a public or unlisted space; a private "
                           "one only its owner, its members, operators and admins.",
            "responses": {
                "200": ok("The space, with its members.", json_content(schema("Space"), examples={
                    "public": {"summary": "A public exhibition hall", "value": SPACE_EXAMPLE},
                    "private": {"summary": "A private meeting room", "value": PRIVATE_SPACE_EXAMPLE},
                })),
                **errors(E401, E404, E500, E503),
            },
        },
        "patch": {
            "operationId": "updateSpace",
            "tags": ["spaces"],
            "summary": "Change a space",
            "description": "Changes the fields sent and leaves the rest. Only the owner, operators and admins may "
                           "(others who can see the space get 403; those who cannot, 404). Each change adds one "
                           "to `version`; a concurrent change answers 409.",
            "requestBody": body("SpacePatch", examples={
                "rename": {"summary": "Rename and enlarge",
                           "value": {"name": "浦江数字展览馆（二期）", "capacity": 500}},
                "private": {"summary": "Make private with one member",
                            "value": {"visibility": "private", "members": ["wangfang"]}},
            }),
            "responses": {
                "200": ok("The space as changed.", json_content(schema("Space"), example={
                    **SPACE_EXAMPLE, "name": "浦江数字展览馆（二期）", "capacity": 500,
                    "updatedAt": "2025-05-02T03:45:10.221Z", "version": 2})),
                **errors(E400, E401, E403, E404, ("409", "SpaceConflict"), E413, E415, E422, E500, E503),
            },
        },
        "delete": {
            "operationId": "deleteSpace",
            "tags": ["spaces"],
            "summary": "Delete a space",
            "description": "Deletes the space and its member list. Only the owner, operators and admins may.",
            "responses": {
                "204": ok("Deleted."),
                **errors(E401, E403, E404, E500, E503),
            },
        },
    },
}

TWIN_MODEL_ID_PARAM = [ref("parameters", "TwinModelId")]

paths["/api/models"] = {
    "post": {
        "operationId": "createTwinModel",
        "tags": ["twins"],
        "summary": "Store a twin model",
        "description": "Stores a twin model, sent as a W3C WoT Thing Model or as a DTDL v3 interface (recognised by "
                       "its `@context`); it is kept, and answered, as a canonical Thing Model. Only operators and "
                       "admins may (others get 403). A model that is not valid answers 422 with every problem; an "
                       "id already stored answers 409. Nothing is stored on any error.",
        "requestBody": {"required": True, "content": {
            **json_content(schema("TwinModelDocument")),
            "application/td+json": {"schema": schema("TwinModelDocument")},
            "application/ld+json; profile=dtdl": {"schema": schema("TwinModelDocument")},
        }, "description": "A Thing Model as `application/json` or `application/td+json`; a DTDL v3 interface as "
                          "`application/ld+json; profile=dtdl` (or any JSON type, recognised by its `@context`)."},
        "responses": {
            "201": ok("The model was stored.", json_content(schema("TwinModel"), example=TWIN_MODEL_EXAMPLE)),
            **errors(E400, E401, E403, ("409", "TwinModelExists"), E413, E415, ("422", "TwinModelInvalid"),
                     E500, E503),
        },
    },
    "get": {
        "operationId": "listTwinModels",
        "tags": ["twins"],
        "summary": "List twin models",
        "description": "Lists twin models newest first, without the models themselves. Any signed-in caller may.",
        "parameters": [ref("parameters", p) for p in ["Page", "Size"]],
        "responses": {
            "200": ok("A page of twin models.", json_content(schema("TwinModelPage"))),
            **errors(E400Q, E401, E500, E503),
        },
    },
}

paths["/api/models/{id}"] = {
    "parameters": TWIN_MODEL_ID_PARAM,
    "get": {
        "operationId": "getTwinModel",
        "tags": ["twins"],
        "summary": "Get a twin model",
        "description": "The model, as a canonical Thing Model. Any signed-in caller may.",
        "responses": {
            "200": ok("The model.", json_content(schema("TwinModel"), example=TWIN_MODEL_EXAMPLE)),
            **errors(E401, ("404", "TwinModelNotFound"), E500, E503),
        },
    },
    "delete": {
        "operationId": "deleteTwinModel",
        "tags": ["twins"],
        "summary": "Delete a twin model",
        "description": "Only operators and admins may, and only while no twin uses it (409 otherwise).",
        "responses": {
            "204": ok("Deleted."),
            **errors(E401, E403, ("404", "TwinModelNotFound"), ("409", "TwinModelInUse"), E500, E503),
        },
    },
}

paths["/api/spaces/{id}/scene"] = {
    "parameters": SPACE_ID_PARAM,
    "get": {
        "operationId": "getSpaceScene",
        "tags": ["spaces"],
        "summary": "Get a space's 3D layout",
        "description": "The scene the browser client builds: floor, walls, lights, exhibits (glTF models, images, "
                       "text panels), furniture and the spawn point, as described in docs/scene.md. Today every "
                       "space gets its template's scene. Who may get it: as for getting the space.",
        "responses": {
            "200": ok("The scene.", json_content(schema("Scene"))),
            **errors(E401, E404, E500, E503),
        },
    },
}

schemas["Scene"] = {
    "type": "object",
    "description": "A space's 3D layout (docs/scene.md has every field). Coordinates in metres, Y up, the frame "
                   "of the real-time protocol; text that visitors read is an object of language tags (`en`, "
                   "`zh-CN`).",
    "required": ["version", "template", "title", "environment", "floor", "walls", "lights", "items", "spawn"],
    "properties": {
        "version": {"const": 1},
        "template": schema("Template"),
        "title": {"type": "object", "additionalProperties": {"type": "string"}},
        "environment": {"type": "object"},
        "floor": {"type": "object"},
        "walls": {"type": "array", "items": {"type": "object"}},
        "lights": {"type": "array", "items": {"type": "object"}},
        "items": {"type": "array", "items": {"type": "object", "required": ["id", "type", "position"],
                                             "properties": {"id": {"type": "string"},
                                                            "type": {"enum": ["model", "image", "text", "box",
                                                                              "cylinder"]},
                                                            "position": {"type": "array", "items": {"type": "number"},
                                                                         "minItems": 3, "maxItems": 3}}}},
        "spawn": {"type": "object", "required": ["x", "y", "z", "yaw"],
                  "properties": {k: {"type": "number"} for k in ["x", "y", "z", "yaw"]}},
    },
}

# --- twins (issue #5): http/TwinRoutes.java, twin/TwinService.java, TwinAcl.java, BindingVisual.java,
# PropertyFilter.java, pujiang-twin state/Payloads.java and Ingestor.java; guide in docs/twins.md ----------------

TWIN_ID = "press-7"
TWIN_MODEL_EXAMPLE_ID = "urn:example:model:press"
BINDING_ID = "0196b2c4-8d1e-7f20-a3b4-c5d6e7f80912"
DEVICE_TOKEN = "q8Jx2c0vR1mYzT4kLw7pN3sHf6dAe9Bu"
TWIN_EXAMPLE = {
    "id": TWIN_ID,
    "model": TWIN_MODEL_EXAMPLE_ID,
    "name": "Press 7, hall B",
    "attributes": {"serial": "HP-2024-0071", "vendor": "Lingang Hydraulics"},
    "location": {"lat": 30.8923, "lon": 121.9076, "space": SPACE_ID, "x": 12.5, "y": 0, "z": -4},
    "reported": {"temperature": 72.4, "running": True},
    "desired": {"setpoint": 70},
    "metadata": {"temperature": {"ts": 1795510800000, "source": "mqtt"},
                 "running": {"ts": 1795510795000, "source": "http"}},
    "desiredMetadata": {"setpoint": {"ts": 1795510700000, "source": f"user:{USER_ID}"}},
    "delta": {"setpoint": 70},
    "version": 1842,
    "lastSeen": "2026-11-24T08:20:00Z",
    "links": [{"source": TWIN_ID, "name": "feeds", "target": "conveyor-3"}],
    "acl": {"read": ["registered"], "write": ["role:member"], "command": [MEMBER_ID]},
    "owner": USER_ID,
    "createdAt": "2026-11-20T02:00:00Z",
    "updatedAt": "2026-11-23T09:12:40.115Z",
}
TWIN_DEVICE_SECURITY = {"security": [{"deviceToken": []}, {"bearerAuth": []}]}

parameters["TwinId"] = {
    "name": "id", "in": "path", "required": True,
    "description": "The twin's id: 1 to 256 letters, digits and `. _ : ~ -`. An unknown id, or a twin the "
                   "caller may not read, answers 404 `twin:not-found`.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._:~-]+$"},
    "example": TWIN_ID,
}
parameters["TwinAction"] = {
    "name": "action", "in": "path", "required": True,
    "description": "The name of an action of the twin's model; an unknown action answers 422 `twin:payload.invalid`.",
    "schema": {"type": "string"}, "example": "reset",
}
parameters["LinkName"] = {
    "name": "name", "in": "path", "required": True, "description": "The link's name.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 128}, "example": "feeds",
}
parameters["LinkTarget"] = {
    "name": "target", "in": "path", "required": True, "description": "The id of the twin the link goes to.",
    "schema": {"type": "string", "maxLength": 256}, "example": "conveyor-3",
}
parameters["BindingId"] = {
    "name": "binding", "in": "path", "required": True,
    "description": "The binding's id; anything unknown answers 404 `twin:binding.not-found`.",
    "schema": {"type": "string", "format": "uuid"}, "example": BINDING_ID,
}

PRINCIPAL_SCHEMA = {
    "type": "string",
    "description": "`*` (anyone signed in, guests too), `registered` (anyone but guests), `role:NAME` (`role:member`, "
                   "`role:operator`, ...) or a user id (UUID). Stored in lower case; anything else answers 422.",
    "examples": ["*", "registered", "role:member", MEMBER_ID],
}
schemas["TwinAcl"] = {
    "type": "object",
    "description": "Who may do what with a twin besides its owner, operators and admins, who may do everything. "
                   "Writers and commanders may also read. Left out on create: private (empty lists).",
    "additionalProperties": False,
    "properties": {
        "read": {"type": "array", "maxItems": 100, "items": PRINCIPAL_SCHEMA,
                 "description": "May see the twin, its state, links and history."},
        "write": {"type": "array", "maxItems": 100, "items": PRINCIPAL_SCHEMA,
                  "description": "May change its desired state, name, attributes, location and links, and send "
                                 "values for it over HTTP with a session."},
        "command": {"type": "array", "maxItems": 100, "items": PRINCIPAL_SCHEMA,
                    "description": "May invoke its actions."},
    },
    "examples": [{"read": ["registered"], "write": ["role:member"], "command": [MEMBER_ID]}],
}
schemas["TwinLocation"] = {
    "type": "object",
    "description": "Where a twin is: WGS84 degrees (`lat` and `lon` together; used by `near` queries) and/or a "
                   "position in a space (`x` and `z` together, metres, `y` defaults to 0). Any part may be "
                   "left out; other members answer 422.",
    "additionalProperties": False,
    "properties": {
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "space": {"type": "string", "format": "uuid", "description": "A space id."},
        "x": {"type": "number"}, "y": {"type": "number"}, "z": {"type": "number"},
    },
    "examples": [{"lat": 30.8923, "lon": 121.9076}, {"space": SPACE_ID, "x": 12.5, "y": 0, "z": -4}],
}
schemas["TwinLink"] = {
    "type": "object",
    "description": "A named, directed edge of the twin graph (`source` -name-> `target`).",
    "required": ["source", "name", "target"],
    "properties": {"source": {"type": "string"}, "name": {"type": "string"}, "target": {"type": "string"}},
    "examples": [{"source": TWIN_ID, "name": "feeds", "target": "conveyor-3"}],
}
schemas["PropertyMetadata"] = {
    "type": "object",
    "required": ["ts", "source"],
    "properties": {
        "ts": {"type": "integer", "format": "int64",
               "description": "Epoch milliseconds: when the device measured the value (its own timestamp, or the "
                              "server's arrival time when it sent none), or when the desired value was set."},
        "source": {"type": "string",
                   "description": "Where the value came from: `mqtt`, `http`, `bridge:NAME`, or `user:<id>` for "
                                  "desired values.", "examples": ["mqtt", "http", "bridge:plant-a"]},
    },
}
schemas["Twin"] = {
    "type": "object",
    "description": "A twin with its live state. `reported` holds what the device last said (the newest value by "
                   "device time of each property), `desired` what users asked for, `delta` the desired values "
                   "that differ from the reported ones (what the device still has to do).",
    "required": ["id", "model", "name", "attributes", "location", "reported", "desired", "metadata",
                 "desiredMetadata", "delta", "version", "lastSeen", "links", "acl", "owner", "createdAt",
                 "updatedAt"],
    "properties": {
        "id": {"type": "string"},
        "model": {"type": "string", "description": "The twin model's id."},
        "name": {"type": "string", "maxLength": 512},
        "attributes": {"type": "object", "description": "Free JSON about the twin (serial number, vendor...), at "
                                                         "most 16 KiB; not checked against the model."},
        "location": schema("TwinLocation"),
        "reported": {"type": "object", "description": "Property name to value."},
        "desired": {"type": "object", "description": "Property name to value."},
        "metadata": {"type": "object", "additionalProperties": schema("PropertyMetadata"),
                     "description": "Per reported property: when it was measured and where it came from."},
        "desiredMetadata": {"type": "object", "additionalProperties": schema("PropertyMetadata")},
        "delta": {"type": "object", "description": "Desired values not (yet) reported."},
        "version": {"type": "integer", "format": "int64", "minimum": 0,
                    "description": "One more after each change of reported or desired state."},
        "lastSeen": {"type": ["string", "null"], "format": "date-time",
                     "description": "When the device last sent values; null when it never has."},
        "links": {"type": "array", "items": schema("TwinLink"),
                  "description": "Links from and to this twin."},
        "acl": schema("TwinAcl"),
        "owner": {"type": "string", "format": "uuid", "description": "The user who created the twin."},
        "createdAt": {"type": "string", "format": "date-time"},
        "updatedAt": {"type": "string", "format": "date-time"},
        "may": schema("TwinPermissions"),
    },
    "examples": [TWIN_EXAMPLE],
}
schemas["TwinPermissions"] = {
    "type": "object",
    "description": "Only in `GET /api/twins/{id}`: what the caller may do with the twin (TwinAcl; the owner, "
                   "operators and admins may do everything), so that a client offers only the controls that will "
                   "work. `write` covers desired values (and the protocol's DESIRED TwinCommand), `command` actions "
                   "(ACTION).",
    "required": ["read", "write", "command"],
    "properties": {"read": {"type": "boolean", "const": True}, "write": {"type": "boolean"},
                   "command": {"type": "boolean"}},
    "examples": [{"read": True, "write": True, "command": False}],
}
schemas["TwinCreate"] = {
    "type": "object",
    "description": "A new twin. The caller becomes its owner; guests may not create twins.",
    "required": ["model"],
    "properties": {
        "id": {"type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._:~-]+$",
               "description": "Left out: `twin-<uuid>`. Taken: 409 `twin:exists`."},
        "model": {"type": "string", "description": "A stored twin model's id; unknown: 404 `twin:model.not-found`."},
        "name": {"type": "string", "minLength": 1, "maxLength": 512, "description": "Defaults to the id."},
        "attributes": {"type": "object", "description": "At most 16 KiB of JSON."},
        "location": schema("TwinLocation"),
        "acl": schema("TwinAcl"),
    },
    "examples": [{"id": TWIN_ID, "model": TWIN_MODEL_EXAMPLE_ID, "name": "Press 7, hall B",
                  "attributes": {"serial": "HP-2024-0071"}, "location": {"lat": 30.8923, "lon": 121.9076}}],
}
schemas["TwinPatch"] = {
    "type": "object",
    "description": "The parts to change; the rest stay. `attributes`, when sent, replaces them all. Sending `id`, "
                   "`model`, `reported`, `desired`, `metadata`, `links` or `owner` answers 422. Only the owner, "
                   "operators and admins may change `acl`.",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 512},
        "attributes": {"type": "object"},
        "location": schema("TwinLocation"),
        "acl": schema("TwinAcl"),
    },
    "examples": [{"name": "Press 7 (rebuilt)", "location": {"space": SPACE_ID, "x": 14, "z": -4}}],
}
schemas["TwinPage"] = {
    "type": "object",
    "description": "One page of twins, by id.",
    "required": ["items", "total", "page", "size"],
    "properties": {
        "items": {"type": "array", "items": schema("Twin")},
        "total": {"type": "integer", "minimum": 0, "description": "How many twins match in all."},
        "page": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX},
    },
}
schemas["DeviceCredential"] = {
    "type": "object",
    "description": "A new device token. Only its hash is stored: it is shown this once.",
    "required": ["twin", "token"],
    "properties": {
        "twin": {"type": "string"},
        "token": {"type": "string", "description": "Send it as `Authorization: Bearer <token>` to the ingestion "
                                                   "routes, or as the MQTT username (docs/mqtt.md)."},
    },
    "examples": [{"twin": TWIN_ID, "token": DEVICE_TOKEN}],
}
TELEMETRY_VALUES = {"type": "object", "minProperties": 1,
                    "description": "Property name to value; every property must be in the twin's model."}
TELEMETRY_ENTRY = {
    "anyOf": [
        {**TELEMETRY_VALUES, "title": "values, timed on arrival"},
        {"type": "object", "title": "values with the device's time", "required": ["ts", "values"],
         "additionalProperties": False,
         "properties": {"ts": {"type": "integer", "format": "int64", "minimum": 0, "description": "Epoch ms."},
                        "values": TELEMETRY_VALUES}},
    ],
}
schemas["TelemetryPayload"] = {
    "description": "ThingsBoard's telemetry shapes: `{\"p\": v, ...}`, `{\"ts\": ms, \"values\": {...}}`, or a "
                   "JSON array (1 to 1000) of those. All or nothing: if one value is refused, none is applied. "
                   "Every telemetry value is kept in history.",
    "anyOf": [TELEMETRY_ENTRY, {"type": "array", "minItems": 1, "maxItems": 1000, "items": TELEMETRY_ENTRY}],
    "examples": [{"temperature": 72.4, "running": True},
                 {"ts": 1795510800000, "values": {"temperature": 72.4}},
                 [{"ts": 1795510800000, "values": {"temperature": 72.1}},
                  {"ts": 1795510801000, "values": {"temperature": 72.4}}]],
}
schemas["AttributesPayload"] = {
    **TELEMETRY_VALUES,
    "description": "ThingsBoard client attributes: `{\"p\": v, ...}`, timed on arrival. They update reported "
                   "state; only properties whose model keeps history go to history.",
    "examples": [{"firmware": "2.4.1"}],
}
schemas["ShadowUpdate"] = {
    "type": "object",
    "description": "A shadow-style report. A device sets `state.reported` only.",
    "required": ["state"],
    "properties": {
        "state": {"type": "object", "required": ["reported"], "additionalProperties": False,
                  "properties": {"reported": TELEMETRY_VALUES}},
        "clientToken": {"type": "string", "maxLength": 64},
        "timestamp": {"type": "integer", "format": "int64", "minimum": 0,
                      "description": "Epoch ms when measured; left out, the arrival time."},
    },
    "examples": [{"state": {"reported": {"temperature": 72.4}}, "clientToken": "c-81"}],
}
schemas["IngestAccepted"] = {
    "type": "object",
    "required": ["accepted", "version"],
    "properties": {
        "accepted": {"type": "integer", "minimum": 1, "description": "How many values were accepted."},
        "version": {"type": "integer", "format": "int64",
                    "description": "The twin's version after them (unchanged when every value was older than the "
                                   "current one: such values go to history only)."},
    },
    "examples": [{"accepted": 2, "version": 1843}],
}
schemas["DesiredRequest"] = {
    "type": "object", "minProperties": 1,
    "description": "Property name to desired value. Each must be a writable property of the model and fit it.",
    "examples": [{"setpoint": 70}],
}
schemas["DesiredResult"] = {
    "type": "object",
    "required": ["version", "desired", "delta"],
    "properties": {
        "version": {"type": "integer", "format": "int64"},
        "desired": {"type": "object", "description": "The values just set."},
        "delta": {"type": "object", "description": "All desired values that differ from the reported ones; sent to "
                                                   "the device when it is connected."},
    },
    "examples": [{"version": 1844, "desired": {"setpoint": 70}, "delta": {"setpoint": 70}}],
}
schemas["ActionRequest"] = {
    "type": "object",
    "description": "The whole body is optional. `input` must fit the action's input schema; other members answer 422.",
    "additionalProperties": False,
    "properties": {"input": {"description": "Any JSON the action takes."}},
    "examples": [{"input": {"stroke": 120}}, {}],
}
schemas["ActionResult"] = {
    "type": "object",
    "required": ["output"],
    "properties": {"output": {"description": "The device's answer, as it sent it (null when none)."}},
    "examples": [{"output": {"ok": True}}],
}
schemas["HistoryBucket"] = {
    "type": "object",
    "required": ["t", "min", "max", "avg", "count"],
    "properties": {
        "t": {"type": "string", "format": "date-time", "description": "The bucket's start."},
        "min": {"type": "number"}, "max": {"type": "number"}, "avg": {"type": "number"},
        "count": {"type": "integer", "format": "int64", "minimum": 1},
    },
}
schemas["TwinHistory"] = {
    "type": "object",
    "description": "Numeric values of one property in `[from, to)`, split into `buckets` equal buckets; empty "
                   "buckets are left out, text values ignored (docs/history.md).",
    "required": ["twin", "property", "from", "to", "buckets", "points"],
    "properties": {
        "twin": {"type": "string"}, "property": {"type": "string"},
        "from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"},
        "buckets": {"type": "integer"},
        "points": {"type": "array", "items": schema("HistoryBucket"), "description": "Oldest first."},
    },
    "examples": [{"twin": TWIN_ID, "property": "temperature", "from": "2026-11-24T07:00:00Z",
                  "to": "2026-11-24T08:00:00Z", "buckets": 2, "points": [
                      {"t": "2026-11-24T07:00:00Z", "min": 70.2, "max": 74.9, "avg": 72.3, "count": 1800},
                      {"t": "2026-11-24T07:30:00Z", "min": 71.0, "max": 73.5, "avg": 72.1, "count": 1799}]}],
}
schemas["LinkCreate"] = {
    "type": "object",
    "required": ["name", "target"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 128,
                 "description": "When the source's model declares links, one of those (and the target's model must "
                                "be the one it names); otherwise any name."},
        "target": {"type": "string", "description": "A twin the caller may read; not the source itself."},
    },
    "examples": [{"name": "feeds", "target": "conveyor-3"}],
}
HEX_COLOUR = {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}
schemas["BindingVisual"] = {
    "description": "How the bound property shows on the object (at most 4096 bytes of JSON).",
    "oneOf": [
        {"type": "object", "title": "colour", "required": ["kind"],
         "description": "Colour by value: `stops` (numbers, interpolated between stops) or `map` (exact values).",
         "properties": {"kind": {"const": "colour"},
                        "stops": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["at", "colour"],
                            "properties": {"at": {"type": "number"}, "colour": HEX_COLOUR}}},
                        "map": {"type": "object", "minProperties": 1, "additionalProperties": HEX_COLOUR}}},
        {"type": "object", "title": "label", "required": ["kind"],
         "properties": {"kind": {"const": "label"},
                        "format": {"type": "string", "description": "`{value}` and `{unit}` are replaced.",
                                   "default": "{value} {unit}"},
                        "decimals": {"type": "integer", "minimum": 0, "maximum": 6}}},
        {"type": "object", "title": "gauge", "required": ["kind", "min", "max"],
         "description": "min < max.",
         "properties": {"kind": {"const": "gauge"}, "min": {"type": "number"}, "max": {"type": "number"}}},
        {"type": "object", "title": "animation", "required": ["kind", "clip"],
         "properties": {"kind": {"const": "animation"}, "clip": {"enum": ["spin", "pulse", "bob"]},
                        "speedFrom": {"type": "string",
                                      "description": "A numeric property whose value sets the speed."},
                        "when": {"description": "Play only while the value is truthy."}}},
    ],
    "examples": [{"kind": "colour", "stops": [{"at": 20, "colour": "#2b83ba"}, {"at": 80, "colour": "#d7191c"}]},
                 {"kind": "label", "format": "{value} {unit}", "decimals": 1}],
}
schemas["Binding"] = {
    "type": "object",
    "required": ["id", "space", "object", "twin", "property", "visual"],
    "properties": {
        "id": {"type": "string", "format": "uuid"}, "space": {"type": "string", "format": "uuid"},
        "object": {"type": "string", "description": "A scene object's name, or `shared:<objectId>`."},
        "twin": {"type": "string"}, "property": {"type": "string"}, "visual": schema("BindingVisual"),
    },
}
schemas["BindingCreate"] = {
    "type": "object",
    "required": ["object", "twin", "property", "visual"],
    "properties": {
        "object": {"type": "string", "minLength": 1, "maxLength": 256,
                   "description": "A scene object's name (scenes/<template>.json), or `shared:<objectId>`."},
        "twin": {"type": "string", "description": "A twin the caller may read."},
        "property": {"type": "string", "description": "A property of the twin's model."},
        "visual": schema("BindingVisual"),
    },
    "examples": [{"object": "press-7", "twin": TWIN_ID, "property": "temperature",
                  "visual": {"kind": "colour", "stops": [{"at": 20, "colour": "#2b83ba"},
                                                         {"at": 80, "colour": "#d7191c"}]}}],
}
schemas["BindingList"] = {
    "type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": schema("Binding")}},
}
schemas["ModelRetentionPatch"] = {
    "type": "object",
    "required": ["retentionDays"],
    "additionalProperties": False,
    "properties": {"retentionDays": {"type": ["integer", "null"], "minimum": 1, "maximum": 36500,
                                     "description": "Days of history kept for the model's twins; null: the server "
                                                    "default (`history.retention`)."}},
    "examples": [{"retentionDays": 90}, {"retentionDays": None}],
}

PAYLOAD_REJECTED_EXAMPLES = {
    "invalid": ("Not in the model", err("twin:payload.invalid", "temperature must be at most 400, got 812.0",
                                        "/temperature")),
    "malformed": ("Not JSON", err("twin:payload.malformed", "not JSON: Unexpected end-of-input")),
    "clockSkew": ("Device clock far ahead", err(
        "twin:payload.clock-skew", "timestamp 2027-01-01T00:00:00Z is ahead of the server clock "
                                   "(2026-11-24T08:00:00Z) by more than PT5M; check the device's clock", "/ts")),
}
responses["TwinNotFound"] = error_response(
    "No such twin, or one the caller may not read (such twins answer 404, not 403).", ["twin:not-found"],
    {"notFound": ("Unknown twin", err("twin:not-found", "no twin press-9"))})
responses["TwinExists"] = error_response(
    "A twin with this id exists.", ["twin:exists"],
    {"exists": ("Taken id", err("twin:exists", f"a twin with id {TWIN_ID} exists"))})
responses["TwinModelInUse"] = error_response(
    "Twins still use the model; delete them first.", ["twin:model.in-use"],
    {"inUse": ("In use", err("twin:model.in-use", f"twins of model {TWIN_MODEL_EXAMPLE_ID} exist; delete them first"))})
responses["TwinCreateNotFound"] = error_response(
    "The model named in the body does not exist.", ["twin:model.not-found"],
    {"notFound": ("Unknown model", err("twin:model.not-found", "no twin model urn:example:model:pres"))})
responses["TwinPayloadRejected"] = error_response(
    "The values were refused, none applied: `malformed` (not JSON, wrong shape), `invalid` (unknown property, wrong "
    "type, out of range), `clock-skew` (a timestamp more than `twin.clock-ahead` ahead of the server clock or "
    "`twin.clock-behind` behind it). `field` is a JSON pointer into the payload where there is one. Do not send "
    "the same payload again unchanged.",
    ["twin:payload.malformed", "twin:payload.invalid", "twin:payload.clock-skew"],
    {k: v for k, v in PAYLOAD_REJECTED_EXAMPLES.items()})
responses["TwinValueInvalid"] = error_response(
    "A value does not fit the model (unknown or read-only property, unknown action, wrong type, out of range), or "
    "the body has members it should not; `field` says where.",
    ["request:field.invalid", "twin:payload.invalid"],
    {"readOnly": ("Read-only property", err("twin:payload.invalid", "temperature is read-only", "/temperature"))})
responses["IngestForbidden"] = error_response(
    "The device token belongs to another twin (`twin:not-authorised`), or the signed-in user may not write the "
    "twin (`auth:forbidden`).",
    ["auth:forbidden", "twin:not-authorised"],
    {"otherTwin": ("Another twin's token", err("twin:not-authorised", "this device token belongs to another twin"))})
responses["TwinRateLimited"] = error_response(
    "The twin sends more than `twin.device-rate` messages a second (burst `twin.device-burst`), counted over "
    "HTTP, MQTT and the broker bridge together. Wait `Retry-After` seconds and send again.",
    ["twin:rate-limited"],
    {"flood": ("Too fast", err("twin:rate-limited", "twin press-7 sends more than 100.0 messages/s; slow down and "
                                                    "send again"))},
    headers={"Retry-After": ref("headers", "Retry-After")})
responses["TwinUnavailable"] = error_response(
    "`twin:overloaded`: history or the twin service cannot keep up just now (transient: keep the values and send "
    "them again after `Retry-After`); `server:db.unavailable`: the database does not answer.",
    ["twin:overloaded", "server:db.unavailable"],
    {"overloaded": ("History queue full", err("twin:overloaded", "history cannot keep up just now; keep the values "
                                                                 "and send them again shortly"))},
    headers={"Retry-After": ref("headers", "Retry-After")})
responses["TwinDeviceOffline"] = error_response(
    "The twin's device is not connected, so the action cannot reach it.", ["twin:device-offline"],
    {"offline": ("Not connected", err("twin:device-offline", "the device of twin press-7 is not connected"))})
responses["TwinTimeout"] = error_response(
    "The device did not answer within `twin.command-timeout` (10 s by default). It may still act on the request.",
    ["twin:timeout"],
    {"timeout": ("No answer", err("twin:timeout", "the device did not answer within 10 s"))})
responses["LinkProblem"] = error_response(
    "A body field is missing or not valid, or the link is not allowed (self-link, name not declared by the model, "
    "target of the wrong model).",
    ["request:field.missing", "request:field.invalid", "twin:link.invalid"],
    {"undeclared": ("Not declared", err("twin:link.invalid", "model urn:example:model:press declares no link powers; "
                                                             "it has [feeds]"))})
responses["LinkNotFound"] = error_response(
    "No such twin (`twin:not-found`), or no such link from it (`http:not-found`).",
    ["twin:not-found", "http:not-found"],
    {"noLink": ("Unknown link", err("http:not-found", "no link press-7 -feeds-> conveyor-9"))})
responses["BindingTargetNotFound"] = error_response(
    "No such space, or one the caller may not see (`space:not-found`), or no twin the caller may read "
    "(`twin:not-found`).",
    ["space:not-found", "twin:not-found"],
    {"twin": ("Unknown twin", err("twin:not-found", "no twin press-9"))})
responses["BindingNotFound"] = error_response(
    "No such space the caller may see, or no such binding in it.", ["space:not-found", "twin:binding.not-found"],
    {"binding": ("Unknown binding", err("twin:binding.not-found", f"no binding {BINDING_ID} in this space"))})

TWIN_ID_PARAM = [ref("parameters", "TwinId")]
E404T = ("404", "TwinNotFound")

paths["/api/models/{id}"]["patch"] = {
    "operationId": "setTwinModelRetention", "tags": ["twins"], "summary": "Set a model's history retention",
    "description": "Changes how long the history of the model's twins is kept; nothing else of a model can change. "
                   "Only operators and admins may.",
    "requestBody": body("ModelRetentionPatch"),
    "responses": {
        "200": ok("The model.", json_content(schema("TwinModel"))),
        **errors(E400, E401, E403, ("404", "TwinModelNotFound"), E413, E415, E422, E500, E503),
    },
}
E503T = ("503", "TwinUnavailable")
OWNERS = "the owner, operators and admins"

paths["/api/twins"] = {
    "post": {
        "operationId": "createTwin", "tags": ["twins"], "summary": "Create a twin",
        "description": "Creates a twin of a stored model, owned by the caller. Guests may not (403). Its state "
                       "starts empty; issue a device token with `POST /api/twins/{id}/credentials` next.",
        "requestBody": body("TwinCreate"),
        "responses": {
            "201": ok("The twin.", json_content(schema("Twin"))),
            **errors(E400, E401, E403, ("404", "TwinCreateNotFound"), ("409", "TwinExists"), E413, E415, E422,
                     E500, E503T),
        },
    },
    "get": {
        "operationId": "queryTwins", "tags": ["twins"], "summary": "Find twins",
        "description": "The twins the caller may read that match every filter given, by id. `property` alone "
                       "matches twins that report it; with `op` and `value` it compares the reported value "
                       "(numbers as numbers, else as JSON or text; `value` without `op` means `eq`). `linkedTo` "
                       "matches twins linked to that twin in either direction (by `link` name if given). `near` "
                       "matches twins with a geo location within `radius` metres (default 1000).",
        "parameters": [
            {"name": "model", "in": "query", "schema": {"type": "string"}, "description": "A model id."},
            {"name": "property", "in": "query", "schema": {"type": "string"},
             "description": "A reported property; needed by `op` and `value`."},
            {"name": "op", "in": "query", "schema": {"enum": ["exists", "eq", "ne", "gt", "gte", "lt", "lte"]},
             "description": "Default `exists`, or `eq` when `value` is given. `gt`, `gte`, `lt`, `lte` compare "
                            "numbers only."},
            {"name": "value", "in": "query", "schema": {"type": "string"},
             "description": "Read as JSON when it parses (`42`, `true`, `\"on\"`), else as text.",
             "example": "80"},
            {"name": "linkedTo", "in": "query", "schema": {"type": "string"}, "description": "A twin id."},
            {"name": "link", "in": "query", "schema": {"type": "string"},
             "description": "With `linkedTo`: only links of this name."},
            {"name": "near", "in": "query", "schema": {"type": "string", "pattern": "^-?[0-9.]+,-?[0-9.]+$"},
             "description": "`lat,lon` in WGS84 degrees.", "example": "30.89,121.90"},
            {"name": "radius", "in": "query",
             "schema": {"type": "number", "exclusiveMinimum": 0, "maximum": 20000000, "default": 1000},
             "description": "Metres, with `near`."},
            ref("parameters", "Page"), ref("parameters", "Size"),
        ],
        "responses": {
            "200": ok("A page of twins.", json_content(schema("TwinPage"))),
            **errors(E400Q, E401, E500, E503T),
        },
    },
}
paths["/api/twins/{id}"] = {
    "parameters": TWIN_ID_PARAM,
    "get": {
        "operationId": "getTwin", "tags": ["twins"], "summary": "Get a twin",
        "description": "The twin with its live state and links, and `may`: what the caller may do with it. "
                       "Readers only (see TwinAcl).",
        "responses": {"200": ok("The twin, with `may`.", json_content(
            schema("Twin"), example={**TWIN_EXAMPLE, "may": {"read": True, "write": True, "command": False}})),
                      **errors(E401, E404T, E500, E503T)},
    },
    "patch": {
        "operationId": "updateTwin", "tags": ["twins"], "summary": "Change a twin",
        "description": "Changes name, attributes, location and (owner, operators and admins only) acl. Writers only.",
        "requestBody": body("TwinPatch"),
        "responses": {"200": ok("The twin as changed.", json_content(schema("Twin"))),
                      **errors(E400, E401, E403, E404T, E413, E415, E422, E500, E503T)},
    },
    "delete": {
        "operationId": "deleteTwin", "tags": ["twins"], "summary": "Delete a twin",
        "description": f"Deletes the twin, its state, device tokens, links and bindings; its history is left to "
                       f"retention. Only {OWNERS} may.",
        "responses": {"204": ok("Deleted."), **errors(E401, E403, E404T, E500, E503T)},
    },
}
paths["/api/twins/{id}/credentials"] = {
    "parameters": TWIN_ID_PARAM,
    "post": {
        "operationId": "issueDeviceCredential", "tags": ["twins"], "summary": "Issue a device token",
        "description": f"A new device token for the twin; earlier ones stay valid. Only {OWNERS} may. The token is "
                       "shown once. No body.",
        "responses": {"201": ok("The token.", json_content(schema("DeviceCredential"))),
                      **errors(E401, E403, E404T, E500, E503)},
    },
    "delete": {
        "operationId": "revokeDeviceCredentials", "tags": ["twins"], "summary": "Revoke the device tokens",
        "description": f"Revokes every device token of the twin at once: they stop working over HTTP and for new "
                       f"MQTT connections. Only {OWNERS} may.",
        "responses": {"204": ok("Revoked."), **errors(E401, E403, E404T, E500, E503)},
    },
}


def ingest_operation(op_id, summary, kind, schema_name, example):
    return {
        **TWIN_DEVICE_SECURITY,
        "operationId": op_id, "tags": ["twins"], "summary": summary,
        "description": f"Sends {kind} for the twin, as a device (its device token) or as a user with write "
                       "permission (a session token), in `Authorization: Bearer <token>`. The body is read as JSON "
                       "whatever its `Content-Type`. Validation is all or nothing: one bad value refuses the whole "
                       "payload. A value older than the property's current one goes to history but does not roll "
                       "the reported state back. See docs/twins.md, \"Sending values\".",
        "requestBody": {"required": True, "content": json_content(schema(schema_name), example=example)},
        "responses": {
            "202": ok("Accepted and applied.", json_content(schema("IngestAccepted"))),
            **errors(("400", "BadRequest"), E401, ("403", "IngestForbidden"), E404T, E413,
                     ("422", "TwinPayloadRejected"), ("429", "TwinRateLimited"), E500, E503T),
        },
    }


paths["/api/twins/{id}/telemetry"] = {"parameters": TWIN_ID_PARAM, "post": ingest_operation(
    "sendTelemetry", "Send telemetry (ThingsBoard shapes)", "telemetry", "TelemetryPayload",
    {"temperature": 72.4, "running": True})}
paths["/api/twins/{id}/attributes"] = {"parameters": TWIN_ID_PARAM, "post": ingest_operation(
    "sendAttributes", "Send client attributes (ThingsBoard shape)", "client attributes", "AttributesPayload",
    {"firmware": "2.4.1"})}
paths["/api/twins/{id}/update"] = {"parameters": TWIN_ID_PARAM, "post": ingest_operation(
    "sendShadowUpdate", "Send a shadow update", "a shadow-style report", "ShadowUpdate",
    {"state": {"reported": {"temperature": 72.4}}})}
paths["/api/twins/{id}/desired"] = {
    "parameters": TWIN_ID_PARAM,
    "patch": {
        "operationId": "setDesired", "tags": ["twins"], "summary": "Set desired values",
        "description": "Sets desired values of writable properties (writers only). A connected device gets the "
                       "delta at once (MQTT); otherwise when it next connects.",
        "requestBody": body("DesiredRequest"),
        "responses": {"200": ok("Set.", json_content(schema("DesiredResult"))),
                      **errors(E400, E401, E403, E404T, E413, E415, ("422", "TwinValueInvalid"), E500, E503T)},
    },
}
paths["/api/twins/{id}/actions/{action}"] = {
    "parameters": TWIN_ID_PARAM + [ref("parameters", "TwinAction")],
    "post": {
        "operationId": "invokeAction", "tags": ["twins"], "summary": "Invoke an action",
        "description": "Sends the action to the device as an MQTT RPC request and waits for its answer "
                       "(`twin.command-timeout`, 10 s by default). Commanders only (see TwinAcl).",
        "requestBody": body("ActionRequest", required=False),
        "responses": {"200": ok("The device's answer.", json_content(schema("ActionResult"))),
                      **errors(E400, E401, E403, E404T, ("409", "TwinDeviceOffline"), E413, E415,
                               ("422", "TwinValueInvalid"), E500, E503T, ("504", "TwinTimeout"))},
    },
}
paths["/api/twins/{id}/history"] = {
    "parameters": TWIN_ID_PARAM,
    "get": {
        "operationId": "getTwinHistory", "tags": ["twins"], "summary": "A property's history, downsampled",
        "description": "Min, max, average and count per bucket over `[from, to)`. Readers only.",
        "parameters": [
            {"name": "property", "in": "query", "required": True, "schema": {"type": "string"}},
            {"name": "from", "in": "query", "schema": {"type": "string"},
             "description": "ISO-8601 (`2026-11-24T07:00:00Z`, offsets allowed) or epoch milliseconds. Default: "
                            "one hour before `to`."},
            {"name": "to", "in": "query", "schema": {"type": "string"},
             "description": "As `from`, after it. Default: now."},
            {"name": "buckets", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000,
                                                          "default": 500}},
        ],
        "responses": {"200": ok("The buckets.", json_content(schema("TwinHistory"))),
                      **errors(E400Q, E401, E404T, E500, E503T)},
    },
}
paths["/api/twins/{id}/links"] = {
    "parameters": TWIN_ID_PARAM,
    "post": {
        "operationId": "addTwinLink", "tags": ["twins"], "summary": "Link to another twin",
        "description": "Adds the link `{id} -name-> target` (writers of the source, readers of the target). Adding "
                       "a link that exists changes nothing.",
        "requestBody": body("LinkCreate"),
        "responses": {"201": ok("The source twin, with its links.", json_content(schema("Twin"))),
                      **errors(E400, E401, E403, E404T, E413, E415, ("422", "LinkProblem"), E500, E503)},
    },
}
paths["/api/twins/{id}/links/{name}/{target}"] = {
    "parameters": TWIN_ID_PARAM + [ref("parameters", "LinkName"), ref("parameters", "LinkTarget")],
    "delete": {
        "operationId": "removeTwinLink", "tags": ["twins"], "summary": "Remove a link",
        "description": "Writers of the source twin only.",
        "responses": {"204": ok("Removed."), **errors(E401, E403, ("404", "LinkNotFound"), E500, E503)},
    },
}
paths["/api/spaces/{id}/bindings"] = {
    "parameters": SPACE_ID_PARAM,
    "get": {
        "operationId": "listBindings", "tags": ["twins"], "summary": "A space's twin bindings",
        "description": "Which twin property shows on which scene object, and how. Anyone who may see the space.",
        "responses": {"200": ok("The bindings.", json_content(schema("BindingList"))),
                      **errors(E401, E404, E500, E503)},
    },
    "post": {
        "operationId": "createBinding", "tags": ["twins"], "summary": "Bind a twin property to an object",
        "description": "Only the space's owner, operators and admins, and only for twins they may read. Clients in "
                       "the space get the twin's live state in TwinUpdate messages (docs/protocol.md).",
        "requestBody": body("BindingCreate"),
        "responses": {"201": ok("The binding.", json_content(schema("Binding"))),
                      **errors(E400, E401, E403, ("404", "BindingTargetNotFound"), E413, E415, E422, E500, E503)},
    },
}
paths["/api/spaces/{id}/bindings/{binding}"] = {
    "parameters": SPACE_ID_PARAM + [ref("parameters", "BindingId")],
    "delete": {
        "operationId": "deleteBinding", "tags": ["twins"], "summary": "Remove a binding",
        "description": "Only the space's owner, operators and admins.",
        "responses": {"204": ok("Removed."), **errors(E401, E403, ("404", "BindingNotFound"), E500, E503)},
    },
}

# --- replay and what-if (issue #5): http/ScenarioRoutes.java, twin/Replays.java, pujiang-twin rules/WhatIf.java;
# guide in docs/twins.md, "Replay and what-if" -------------------------------------------------------------------

REPLAY_MAX_SPEED = 3600        # Replays.MAX_SPEED
REPLAY_MAX_POINTS = 200_000    # Replays.MAX_POINTS
WHAT_IF_MAX_STEPS = 10_000     # ScenarioRoutes.MAX_STEPS
WHAT_IF_MAX_TICKS = 1_000_000  # WhatIf.MAX_TICKS, one a simulated second

REPLAY_STATUS_EXAMPLE = {"space": SPACE_ID, "from": "2026-11-24T07:00:00Z", "to": "2026-11-24T08:00:00Z",
                         "speed": 60.0, "at": "2026-11-24T07:00:00Z", "points": 7200, "done": False}
schemas["ReplayStart"] = {
    "type": "object",
    "description": "The window of history to play, `[from, to)`, and how fast. Only the properties bound in the "
                   f"space are played, at most {REPLAY_MAX_POINTS} points (the oldest first, property by property: "
                   "a window with more is cut short).",
    "required": ["from"],
    "properties": {
        "from": {"type": ["string", "integer"],
                 "description": "ISO-8601 (`2026-11-24T07:00:00Z`, offsets allowed) or epoch milliseconds."},
        "to": {"type": ["string", "integer"], "description": "As `from`, after it. Default: now."},
        "speed": {"type": "number", "exclusiveMinimum": 0, "maximum": REPLAY_MAX_SPEED, "default": 1,
                  "description": "Times real time: 60 plays an hour in a minute."},
    },
    "examples": [{"from": "2026-11-24T07:00:00Z", "to": "2026-11-24T08:00:00Z", "speed": 60},
                 {"from": 1795503600000, "speed": 3600}],
}
schemas["ReplayStatus"] = {
    "type": "object",
    "description": "What a space's replay is doing.",
    "required": ["space", "from", "to", "speed", "at", "points", "done"],
    "properties": {
        "space": {"type": "string", "format": "uuid"},
        "from": {"type": "string", "format": "date-time"},
        "to": {"type": "string", "format": "date-time"},
        "speed": {"type": "number", "description": "Times real time."},
        "at": {"type": "string", "format": "date-time", "description": "The replayed clock: how far it has got."},
        "points": {"type": "integer", "minimum": 0, "maximum": REPLAY_MAX_POINTS,
                   "description": "How many history points were loaded to play."},
        "done": {"type": "boolean", "description": "The window has been played; the space is live again."},
    },
    "examples": [REPLAY_STATUS_EXAMPLE],
}
schemas["WhatIfStep"] = {
    "type": "object",
    "description": "One step: at `at` after the start, the twin reports `values`; without `values` only time passes "
                   "(so that silence rules and `for` durations can run out). Steps go forward in time.",
    "required": ["at"],
    "properties": {
        "at": {"oneOf": [{"type": "integer", "minimum": 0, "maximum": 31_622_400_000,
                          "description": "Milliseconds after the start."},
                         {"type": "string", "description": "An ISO-8601 duration after the start (`PT30S`, `PT5M`)."}],
               "description": "When, after the start (now); at most a year."},
        "values": {"type": "object", "description": "Property name to value; checked against the twin's model as a "
                                                     "device report would be. Numbers and booleans feed the rules."},
    },
}
schemas["WhatIfRequest"] = {
    "type": "object",
    "required": ["steps"],
    "properties": {
        "steps": {"type": "array", "minItems": 1, "maxItems": WHAT_IF_MAX_STEPS, "items": schema("WhatIfStep"),
                  "description": f"In time order. The whole scenario may span at most {WHAT_IF_MAX_TICKS} simulated "
                                 "seconds (about 11.5 days)."},
    },
    "examples": [{"steps": [{"at": "PT10S", "values": {"temperature": 95}},
                            {"at": "PT2M", "values": {"temperature": 70}},
                            {"at": "PT10M"}]}],
}
schemas["WhatIfAlert"] = {
    "type": "object",
    "description": "An alert that would open or resolve.",
    "required": ["event", "rule", "value", "at", "offsetMs"],
    "properties": {
        "event": {"enum": ["opened", "resolved"]},
        "rule": {"type": "string", "format": "uuid", "description": "The rule's id."},
        "property": {"type": ["string", "null"], "description": "Only on `opened`."},
        "value": {"type": ["number", "string"],
                  "description": "The value that opened or resolved it: the property's value, its rate per second "
                                 "for rate rules, the seconds of silence for silence rules; the string `NaN` when "
                                 "there is none (a silence ended)."},
        "severity": {"enum": ["info", "warning", "critical"], "description": "Only on `opened`: the rule's "
                                                                             "severity."},
        "message": {"type": "string", "description": "Only on `opened`."},
        "at": {"type": "string", "format": "date-time", "description": "Simulated time."},
        "offsetMs": {"type": "integer", "format": "int64", "minimum": 0,
                     "description": "Milliseconds after the start."},
    },
}
schemas["WhatIfResult"] = {
    "type": "object",
    "description": "What the scenario would do. Nothing live changed: no state, no alerts, no webhooks.",
    "required": ["twin", "start", "steps", "alerts", "final"],
    "properties": {
        "twin": {"type": "string"},
        "start": {"type": "string", "format": "date-time", "description": "The simulated start: the time of the "
                                                                          "request."},
        "steps": {"type": "integer", "minimum": 1},
        "alerts": {"type": "array", "items": schema("WhatIfAlert"), "description": "In simulated time order."},
        "final": {"type": "object", "description": "The twin's reported state after the last step."},
    },
    "examples": [{"twin": TWIN_ID, "start": "2026-11-24T08:20:00Z", "steps": 3, "alerts": [
        {"event": "opened", "rule": "0193a7c2-5d1e-7b3a-9c4f-2e8d1a6b7c90", "property": "temperature", "value": 95,
         "severity": "critical", "message": "temperature 95.0 above 90.0", "at": "2026-11-24T08:20:10Z",
         "offsetMs": 10000},
        {"event": "resolved", "rule": "0193a7c2-5d1e-7b3a-9c4f-2e8d1a6b7c90", "value": 70,
         "at": "2026-11-24T08:22:00Z", "offsetMs": 120000}],
        "final": {"temperature": 70, "running": True}}],
}
responses["ReplayNotFound"] = error_response(
    "No such space the caller may see (`space:not-found`), or no replay is running in it (`http:not-found`).",
    ["space:not-found", "http:not-found"],
    {"none": ("Nothing replaying", err("http:not-found", "no replay is running in this space"))})
responses["ReplayStartNotFound"] = error_response(
    "No such space the caller may see (`space:not-found`), or nothing in it is bound to a twin "
    "(`twin:binding.not-found`), so there is nothing to replay.",
    ["space:not-found", "twin:binding.not-found"],
    {"unbound": ("No bindings", err("twin:binding.not-found", "nothing in this space is bound to a twin, so there "
                                                              "is nothing to replay"))})
responses["ReplayInvalid"] = error_response(
    "`from` is missing, `from` or `to` is not a time, or `speed` is not a number more than 0 and at most "
    f"{REPLAY_MAX_SPEED}; `field` names it.",
    ["request:field.missing", "request:field.invalid"],
    {"speed": ("Too fast", err("request:field.invalid", "speed is more than 0 and at most 3600 (times real time)",
                               "speed")),
     "from": ("No from", err("request:field.missing", "from is required", "from"))})
responses["WhatIfInvalid"] = error_response(
    "`steps` is missing, empty, longer than 10000 or spans more simulated time than allowed, a step's `at` is not "
    "a time after the start or goes back in time (`request:field.invalid`), or a value does not fit the twin's "
    "model (`twin:payload.invalid`, `field` points into the step).",
    ["request:field.invalid", "twin:payload.invalid"],
    {"steps": ("Too many steps", err("request:field.invalid", "steps is a list of 1 to 10000 {at, values?}",
                                     "steps")),
     "backwards": ("Back in time", err("request:field.invalid", "steps go forward in time", "steps/2/at")),
     "value": ("Not in the model", err("twin:payload.invalid", "temperature must be at most 400, got 812.0",
                                       "steps/0/values/temperature"))})

paths["/api/spaces/{id}/replay"] = {
    "parameters": SPACE_ID_PARAM,
    "post": {
        "operationId": "startReplay", "tags": ["twins"], "summary": "Replay history into a space",
        "description": "Plays the history of the space's bound properties in `[from, to)` into the space at `speed` "
                       "times real time, replacing a replay already running there. While it plays, live values of "
                       "those twins are held back from the space; each replayed TwinUpdate carries "
                       "`\"replay\": {\"at\": ms, \"speed\": x}`. When the window ends (or `DELETE` stops it) the "
                       "space gets a full live TwinUpdate with `\"replay\": null`. Only the space's owner, operators "
                       "and admins. `to` not after `from` answers 400 `request:query.invalid`.",
        "requestBody": body("ReplayStart"),
        "responses": {
            "202": ok("Started.", json_content(schema("ReplayStatus"), example=REPLAY_STATUS_EXAMPLE)),
            **errors(E400, E401, E403, ("404", "ReplayStartNotFound"), E413, E415, ("422", "ReplayInvalid"), E500,
                     E503),
        },
    },
    "get": {
        "operationId": "getReplay", "tags": ["twins"], "summary": "The space's replay",
        "description": "What the running replay is doing. Anyone who may see the space. Once the window has been "
                       "played, or the replay stopped, the space is live again and this answers 404.",
        "responses": {"200": ok("The replay.", json_content(schema("ReplayStatus"))),
                      **errors(E401, ("404", "ReplayNotFound"), E500, E503)},
    },
    "delete": {
        "operationId": "stopReplay", "tags": ["twins"], "summary": "Stop the space's replay",
        "description": "Stops it; the space gets the live state again (a full TwinUpdate with `\"replay\": null`). "
                       "Only the space's owner, operators and admins.",
        "responses": {"204": ok("Stopped."), **errors(E401, E403, ("404", "ReplayNotFound"), E500, E503)},
    },
}
paths["/api/twins/{id}/what-if"] = {
    "parameters": TWIN_ID_PARAM,
    "post": {
        "operationId": "runWhatIf", "tags": ["twins"], "summary": "Run a what-if scenario",
        "description": "Runs scripted values through the current rules, starting from a copy of the twin's reported "
                       "state, its open alerts and its last-seen time, on a simulated clock ticking once a second "
                       "(so silence rules and `for` durations work), and answers which alerts would open and "
                       "resolve. Touches no live state and no live alerts; sends nothing to webhooks. Readers of "
                       "the twin.",
        "requestBody": body("WhatIfRequest"),
        "responses": {
            "200": ok("What would happen.", json_content(schema("WhatIfResult"))),
            **errors(E400, E401, E404T, E413, E415, ("422", "WhatIfInvalid"), E500, E503T),
        },
    },
}


INFO_DESCRIPTION = f"""The REST API of Pujiang (浦江), a metaverse server: accounts and sessions, and the spaces
people meet in.

**Authentication.** Sign in with `POST /api/auth/login` (or enter as a guest with `POST /api/auth/guest`) and send
the returned token as `Authorization: Bearer <token>`. Every operation needs it except those marked with no
security.

**Requests.** Bodies are JSON objects sent with `Content-Type: application/json` (UTF-8), at most 65536 bytes by
default. Text limits are counted in Unicode code points; names are trimmed and NFC-normalised. A field that is
null counts as left out; unknown fields are ignored. Two operations take other bodies: `POST /api/assets`
(multipart/form-data, up to `assets.max-file-bytes` plus 64 KiB) and `POST /api/log/cosignatures` (text/plain).

**Errors.** Every error is `{{"error": code, "message": text}}`, plus `field` when one body field is at fault. Match
on `error` (see the ErrorCode schema), not on `message`. Besides the statuses listed per operation, any path
answers 404 `http:not-found` when it does not exist, 405 `http:method.not-allowed` for a method it does not take,
and 400 `request:query.invalid` when its query string cannot be parsed.

**Headers.** Every answer carries `X-Request-Id`; answers with a body carry `X-Content-Type-Options: nosniff` and
`Cache-Control: no-store`, except checkpoints (`no-cache`) and asset files (`private, max-age=31536000,
immutable`). 429 answers carry `Retry-After` (for `asset:transfer-limit`, the seconds until the day turns); so do 503
answers of the log (`ledger:overloaded`, and `ledger:checkpoint.none` from `GET /api/assets/{{id}}/proof`).

**The transparency log.** Digital assets live on an append-only, verifiable log (docs/ledger.md): its routes
under `/api/log` are public, so that anyone can audit it without an account.

**Time.** Timestamps are UTC in ISO 8601 (`2025-05-01T09:30:12.507Z`); ids are UUIDs (agents' are `ag_…`)."""

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "Pujiang",
        "version": "0.1.0",
        "summary": "Metaverse server: accounts, sessions and spaces.",
        "description": INFO_DESCRIPTION,
    },
    "servers": [{"url": "/"}],
    "security": [{"bearerAuth": []}],
    "tags": [
        {"name": "auth", "description": "Accounts and sessions."},
        {"name": "spaces", "description": "Spaces: exhibition halls, meeting rooms, classrooms, galleries, "
                                          "factories, cities, service halls."},
        {"name": "twins", "description": "Digital twins: twin models (W3C WoT Thing Models; DTDL v3 imported)."},
        {"name": "alerts", "description": "Rules on twin values, the alerts they raise, and webhooks."},
        {"name": "ledger", "description": "The transparency log (docs/ledger.md): signed checkpoints, the log's "
                                          "key, entries, inclusion and consistency proofs, witness cosignatures. "
                                          "Public: anyone may audit."},
        {"name": "assets", "description": "Real-name verification, digital assets (数字藏品) registered, minted, "
                                          "given and burned on the log, their provenance and proofs, placing them "
                                          "in spaces, approved creators and the audit log. There is no price, "
                                          "sale or marketplace: transfers are gifts."},
        {"name": "agents", "description": "Digital humans (数字人): agents attached to spaces, their versioned "
                                          "knowledge bases (JSON or CSV), questions answered with the entry they "
                                          "cite, and questions handed off to staff (docs/agents.md)."},
        {"name": "server", "description": "Health, metrics and documents."},
    ],
    "paths": paths,
    "components": components,
}

# --- rules, alerts and webhooks (issue #5): http/AlertRoutes.java, alert/AlertService.java, alert/AlertJson.java,
# alert/WebhookDeliverer.java, pujiang-twin rules/ --------------------------------------------------------------

RULE_ID = "0193a7c2-5d1e-7b3a-9c4f-2e8d1a6b7c90"
ALERT_ID = "0193a7c3-0a4b-7e21-8d5c-7f1e2a3b4c5d"
WEBHOOK_ID = "0193a7c4-1b2c-7d3e-8f4a-5b6c7d8e9f01"
USER_ID_EXAMPLE = "0193a7b0-aaaa-7bbb-8ccc-0123456789ab"
DURATION_DOC = "Seconds as a number, or an ISO-8601 duration string such as `PT5M`; at most 30 days."

RULE_EXAMPLE = {"id": RULE_ID, "model": "urn:example:model:boiler", "property": "temperature", "kind": "threshold",
                "op": ">", "value": 90.0, "severity": "critical", "for": 30.0, "hysteresis": 2.0,
                "createdAt": "2026-11-24T08:00:00Z", "createdBy": USER_ID_EXAMPLE}
ALERT_EXAMPLE = {"id": ALERT_ID, "twin": "boiler-7", "rule": RULE_ID, "property": "temperature", "state": "open",
                 "severity": "critical", "value": 93.5, "message": "boiler-7: temperature is 93.5 (> 90)",
                 "openedAt": "2026-11-24T08:10:30Z"}
ALERT_EVENT_EXAMPLE = {"at": "2026-11-24T08:10:30Z", "from": None, "to": "open", "by": "rule", "note": None}

schemas["RuleCreate"] = {
    "type": "object",
    "description": "A rule on one property of one twin (`twin`) or of every twin of a model (`model`): give exactly "
                   "one. `kind` decides the other fields: `threshold` needs `op` and `value` (a value exactly on the "
                   "limit meets `>=` and `<=`, not `>` and `<`); `range` needs `min` < `max` (alert outside; min and "
                   "max are inside); `rate` needs `maxPerSecond` (alert while |Δvalue/Δt| is above it; the first "
                   "sample gives no rate); `silence` needs `after` (alert when the twin, or with `property` that "
                   "property, sent nothing for that long). Unknown fields answer 422 `rule:invalid`.",
    "required": ["kind"],
    "additionalProperties": False,
    "properties": {
        "twin": {"type": "string", "maxLength": 256},
        "model": {"type": "string", "maxLength": 256},
        "property": {"type": "string", "maxLength": 256,
                     "description": "Required except for silence rules (where leaving it out means any data)."},
        "kind": {"type": "string", "enum": ["threshold", "range", "rate", "silence"]},
        "op": {"type": "string", "enum": [">", ">=", "<", "<="]},
        "value": {"type": "number", "description": "The threshold's limit."},
        "min": {"type": "number"},
        "max": {"type": "number"},
        "maxPerSecond": {"type": "number", "exclusiveMinimum": 0},
        "after": {"type": ["number", "string"], "description": "Silence limit. " + DURATION_DOC},
        "for": {"type": ["number", "string"],
                "description": "How long the condition must hold before the alert opens (default 0). " + DURATION_DOC},
        "hysteresis": {"type": "number", "minimum": 0,
                       "description": "How far back past the limit the value (or rate) must come before the alert "
                                      "clears (default 0)."},
        "severity": {"type": "string", "enum": ["info", "warning", "critical"], "default": "warning"},
        "message": {"type": "string", "maxLength": 1024,
                    "description": "Template with `{twin}`, `{property}`, `{value}`, `{limit}`, `{rule}`, "
                                   "`{severity}`; a default says what happened."},
    },
    "examples": [
        {"model": "urn:example:model:boiler", "property": "temperature", "kind": "threshold", "op": ">",
         "value": 90, "for": 30, "hysteresis": 2, "severity": "critical"},
        {"twin": "boiler-7", "property": "pressure", "kind": "range", "min": 1.0, "max": 2.5},
        {"model": "urn:example:model:boiler", "property": "pressure", "kind": "rate", "maxPerSecond": 0.2},
        {"twin": "boiler-7", "kind": "silence", "after": "PT5M"},
    ],
}

schemas["Rule"] = {
    "type": "object",
    "description": "A stored rule: the fields it was created with, durations in seconds.",
    "required": ["id", "kind", "severity", "for", "hysteresis", "createdAt", "createdBy"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        **{k: v for k, v in schemas["RuleCreate"]["properties"].items() if k not in ("after", "for")},
        "after": {"type": "number", "description": "Seconds."},
        "for": {"type": "number", "description": "Seconds."},
        "createdAt": {"type": "string", "format": "date-time"},
        "createdBy": {"type": "string", "format": "uuid"},
    },
    "examples": [RULE_EXAMPLE],
}

schemas["RulePage"] = {
    "type": "object",
    "required": ["items", "total", "page", "size"],
    "properties": {"items": {"type": "array", "items": schema("Rule")}, "total": {"type": "integer"},
                   "page": {"type": "integer"}, "size": {"type": "integer"}},
}

schemas["AlertEvent"] = {
    "type": "object",
    "description": "One transition of an alert.",
    "required": ["at", "to", "by"],
    "properties": {
        "at": {"type": "string", "format": "date-time"},
        "from": {"type": ["string", "null"], "enum": ["open", "acknowledged", None],
                 "description": "Null for the opening."},
        "to": {"type": "string", "enum": ["open", "acknowledged", "resolved"]},
        "by": {"type": "string", "description": "The user's id, or `rule` when the rule did it (condition "
                                                "met or cleared, rule deleted)."},
        "note": {"type": ["string", "null"]},
    },
}

schemas["Alert"] = {
    "type": "object",
    "description": "One opening of a rule's condition on a twin: `open` → `acknowledged` → `resolved`, or `open` "
                   "→ `resolved`. The rule resolves it when its condition clears; users may acknowledge and "
                   "resolve it. At most one unresolved alert per rule and twin.",
    "required": ["id", "twin", "rule", "state", "severity", "message", "openedAt"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "twin": {"type": "string"},
        "rule": {"type": "string", "format": "uuid"},
        "property": {"type": ["string", "null"]},
        "state": {"type": "string", "enum": ["open", "acknowledged", "resolved"]},
        "severity": {"type": "string", "enum": ["info", "warning", "critical"]},
        "value": {"type": ["number", "null"], "description": "What broke the rule: the value, its rate per "
                                                             "second, or the seconds of silence."},
        "message": {"type": "string"},
        "openedAt": {"type": "string", "format": "date-time"},
        "acknowledgedAt": {"type": "string", "format": "date-time"},
        "acknowledgedBy": {"type": "string"},
        "resolvedAt": {"type": "string", "format": "date-time"},
        "resolvedBy": {"type": "string", "description": "A user id, or `rule`."},
        "events": {"type": "array", "items": schema("AlertEvent"),
                   "description": "The history, oldest first; only in `GET /api/alerts/{id}`."},
    },
    "examples": [ALERT_EXAMPLE],
}

schemas["AlertPage"] = {
    "type": "object",
    "required": ["items", "total", "page", "size"],
    "properties": {"items": {"type": "array", "items": schema("Alert")}, "total": {"type": "integer"},
                   "page": {"type": "integer"}, "size": {"type": "integer"}},
    "examples": [{"items": [ALERT_EXAMPLE], "total": 1, "page": 1, "size": 20}],
}

schemas["AlertNote"] = {
    "type": "object",
    "properties": {"note": {"type": "string", "maxLength": 1024}},
    "examples": [{"note": "valve replaced"}],
}

schemas["WebhookCreate"] = {
    "type": "object",
    "required": ["url"],
    "properties": {
        "url": {"type": "string", "format": "uri", "maxLength": 2048, "description": "An absolute http(s) URL."},
        "secret": {"type": "string", "minLength": 16, "maxLength": 256,
                   "description": "The HMAC key for `X-Pujiang-Signature`; left out, one is made (64 hex digits)."},
    },
    "examples": [{"url": "https://ops.example.com/pujiang/alerts"}],
}

schemas["Webhook"] = {
    "type": "object",
    "description": "Every alert transition is POSTed to every active webhook as JSON, signed: headers "
                   "`X-Pujiang-Event` (`alert.opened`, `alert.acknowledged`, `alert.resolved`), "
                   "`X-Pujiang-Delivery` (a UUID, the same on retries), `X-Pujiang-Timestamp` (epoch seconds) and "
                   "`X-Pujiang-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + \".\" + body)>`. 2xx "
                   "delivers; network errors, 5xx and 429 are retried after 1 s, doubling to 5 min, 10 attempts "
                   "in all; other statuses fail at once. See docs/alerts.md.",
    "required": ["id", "url", "active", "createdBy", "createdAt"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "url": {"type": "string"},
        "active": {"type": "boolean"},
        "secret": {"type": "string", "description": "Only in the answer to `POST /api/webhooks`: keep it."},
        "createdBy": {"type": "string", "format": "uuid"},
        "createdAt": {"type": "string", "format": "date-time"},
    },
}

schemas["WebhookList"] = {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": schema("Webhook")}},
}

parameters["RuleId"] = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"},
                        "description": "The rule's id; anything unknown answers 404 `rule:not-found`."}
parameters["AlertId"] = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"},
                         "description": "The alert's id; anything unknown, or an alert of a twin the caller may "
                                        "not see, answers 404 `alert:not-found`."}
parameters["WebhookId"] = {"name": "id", "in": "path", "required": True,
                           "schema": {"type": "string", "format": "uuid"}}
parameters["TwinFilter"] = {"name": "twin", "in": "query", "required": False, "schema": {"type": "string"},
                            "description": "Only those of this twin."}
parameters["ModelFilter"] = {"name": "model", "in": "query", "required": False, "schema": {"type": "string"},
                             "description": "Only rules on this model."}
parameters["AlertStateFilter"] = {"name": "state", "in": "query", "required": False,
                                  "schema": {"type": "string", "enum": ["open", "acknowledged", "resolved"]},
                                  "description": "Only alerts in this state; another value answers 400."}

responses["RuleInvalid"] = error_response(
    "The rule is not valid: a field is missing for its kind, out of range, or unknown; `field` names it when one "
    "field is at fault.",
    ["rule:invalid"],
    {"op": ("Unknown op", err("rule:invalid", "op must be one of >, >=, <, <=, got '=>'", "op")),
     "range": ("Empty range", err("rule:invalid", "min must be below max, got min 5.0, max 1.0"))})
responses["RuleNotFound"] = error_response(
    "No rule with this id.", ["rule:not-found"],
    {"notFound": ("Unknown rule", err("rule:not-found", f"no rule {RULE_ID}"))})
responses["AlertNotFound"] = error_response(
    "No alert with this id that the caller may see.", ["alert:not-found"],
    {"notFound": ("Unknown alert", err("alert:not-found", f"no alert {ALERT_ID}"))})
responses["AlertStateConflict"] = error_response(
    "The alert is not in a state this transition starts from (e.g. acknowledging a resolved alert).",
    ["alert:state-conflict"],
    {"resolved": ("Already resolved", err("alert:state-conflict",
                                          "the alert is resolved; only open alerts can be acknowledged"))})
responses["WebhookInvalid"] = error_response(
    "The URL is not an absolute http(s) URL, or the secret's length is out of range.", ["webhook:invalid"],
    {"url": ("Not http", err("webhook:invalid", "url must be an absolute http or https URL with a host", "url"))})
responses["WebhookNotFound"] = error_response(
    "No webhook with this id.", ["webhook:not-found"],
    {"notFound": ("Unknown webhook", err("webhook:not-found", f"no webhook {WEBHOOK_ID}"))})

MANAGERS_ONLY = "Only operators and admins may (others get 403)."

paths["/api/rules"] = {
    "post": {
        "operationId": "createRule", "tags": ["alerts"], "summary": "Create a rule",
        "description": "Creates a rule; twin partitions evaluate it from the next value on. " + MANAGERS_ONLY,
        "requestBody": body("RuleCreate"),
        "responses": {
            "201": ok("The rule.", json_content(schema("Rule"), example=RULE_EXAMPLE)),
            **errors(E400, E401, E403, E413, E415, ("422", "RuleInvalid"), E500, E503),
        },
    },
    "get": {
        "operationId": "listRules", "tags": ["alerts"], "summary": "List rules",
        "description": "Rules newest first, optionally of one twin or one model. Any signed-in caller may.",
        "parameters": [ref("parameters", p) for p in ["TwinFilter", "ModelFilter", "Page", "Size"]],
        "responses": {"200": ok("A page of rules.", json_content(schema("RulePage"))),
                      **errors(E400Q, E401, E500, E503)},
    },
}
paths["/api/rules/{id}"] = {
    "parameters": [ref("parameters", "RuleId")],
    "get": {
        "operationId": "getRule", "tags": ["alerts"], "summary": "Get a rule",
        "description": "Any signed-in caller may.",
        "responses": {"200": ok("The rule.", json_content(schema("Rule"), example=RULE_EXAMPLE)),
                      **errors(E401, ("404", "RuleNotFound"), E500, E503)},
    },
    "delete": {
        "operationId": "deleteRule", "tags": ["alerts"], "summary": "Delete a rule",
        "description": "Deletes the rule; its unresolved alerts are resolved with the note `rule deleted`. "
                       + MANAGERS_ONLY,
        "responses": {"204": ok("Deleted."), **errors(E401, E403, ("404", "RuleNotFound"), E500, E503)},
    },
}
paths["/api/alerts"] = {
    "get": {
        "operationId": "listAlerts", "tags": ["alerts"], "summary": "List alerts",
        "description": "Alerts newest first (by opening time), optionally of one twin and in one state. Any "
                       "signed-in caller may, for the twins they may see.",
        "parameters": [ref("parameters", p) for p in ["TwinFilter", "AlertStateFilter", "Page", "Size"]],
        "responses": {"200": ok("A page of alerts.", json_content(schema("AlertPage"))),
                      **errors(E400Q, E401, E500, E503)},
    },
}
paths["/api/alerts/{id}"] = {
    "parameters": [ref("parameters", "AlertId")],
    "get": {
        "operationId": "getAlert", "tags": ["alerts"], "summary": "Get an alert with its history",
        "responses": {"200": ok("The alert, with `events`.", json_content(
            schema("Alert"), example={**ALERT_EXAMPLE, "events": [ALERT_EVENT_EXAMPLE]})),
            **errors(E401, ("404", "AlertNotFound"), E500, E503)},
    },
}
for verb, summary, desc in [
        ("acknowledge", "Acknowledge an alert", "open → acknowledged. Any signed-in member, operator or admin "
                                                "(guests get 403)."),
        ("resolve", "Resolve an alert", "open or acknowledged → resolved. Any signed-in member, operator or admin "
                                        "(guests get 403). The rule raises a new alert if its condition clears "
                                        "and holds again.")]:
    paths[f"/api/alerts/{{id}}/{verb}"] = {
        "parameters": [ref("parameters", "AlertId")],
        "post": {
            "operationId": f"{verb}Alert", "tags": ["alerts"], "summary": summary,
            "description": desc + " The transition is recorded with the optional note and sent to webhooks.",
            "requestBody": body("AlertNote", required=False),
            "responses": {"200": ok("The alert after the change.", json_content(schema("Alert"))),
                          **errors(E400, E401, E403, ("404", "AlertNotFound"), ("409", "AlertStateConflict"), E413,
                                   E415, E422, E500, E503)},
        },
    }
paths["/api/webhooks"] = {
    "post": {
        "operationId": "createWebhook", "tags": ["alerts"], "summary": "Register a webhook",
        "description": "Alert transitions are POSTed to it from now on. The answer carries the secret, which is "
                       "never shown again. " + MANAGERS_ONLY,
        "requestBody": body("WebhookCreate"),
        "responses": {"201": ok("The webhook, with its secret.", json_content(schema("Webhook"))),
                      **errors(E400, E401, E403, E413, E415, ("422", "WebhookInvalid"), E500, E503)},
    },
    "get": {
        "operationId": "listWebhooks", "tags": ["alerts"], "summary": "List webhooks",
        "description": "Without their secrets. " + MANAGERS_ONLY,
        "responses": {"200": ok("The webhooks.", json_content(schema("WebhookList"))),
                      **errors(E401, E403, E500, E503)},
    },
}
paths["/api/webhooks/{id}"] = {
    "parameters": [ref("parameters", "WebhookId")],
    "delete": {
        "operationId": "deleteWebhook", "tags": ["alerts"], "summary": "Delete a webhook",
        "description": "Deletes it and its queued deliveries. " + MANAGERS_ONLY,
        "responses": {"204": ok("Deleted."), **errors(E401, E403, ("404", "WebhookNotFound"), E500, E503)},
    },
}

# --- transparency log, identity and assets (issue #6): http/LedgerRoutes.java, http/AssetRoutes.java,
# ledger/Witnesses.java, ledger/IdentityService.java, pujiang-ledger asset/AssetBook.java, asset/MediaCheck.java,
# asset/MediaFormat.java, identity/ChineseIdNumber.java; guide in docs/ledger.md -----------------------------------

LOG_MAX_ENTRIES = 1000                 # LedgerRoutes.MAX_ENTRIES
ASSET_TITLE_MAX = 200                  # AssetRoutes.TITLE_MAX
ASSET_LICENCE_MAX = 200                # AssetRoutes.LICENCE_MAX
REQUEST_ID_MAX = 64                    # AssetRoutes.REQUEST_ID_MAX
ASSET_MAX_EDITIONS = 10_000            # assets.max-editions (default)
ASSET_MAX_FILE_BYTES = 33_554_432      # assets.max-file-bytes (default)
REAL_NAME_MAX = 32                     # IdentityService.NAME_MAX
AUDIT_LIMIT_MAX, AUDIT_LIMIT_DEFAULT = 500, 50
# pujiang-ledger MediaFormat.java: wire name, media type, file name extensions.
ASSET_FORMATS = [
    ("glb", "model/gltf-binary", ["glb"]),
    ("gltf", "model/gltf+json", ["gltf"]),
    ("png", "image/png", ["png"]),
    ("jpeg", "image/jpeg", ["jpg", "jpeg", "jpe"]),
    ("mp3", "audio/mpeg", ["mp3"]),
    ("wav", "audio/wav", ["wav"]),
    ("ogg", "audio/ogg", ["ogg", "oga", "opus"]),
    ("flac", "audio/flac", ["flac"]),
]


def instant(ms):
    """Java's Instant.toString() of epoch milliseconds."""
    import datetime
    t = datetime.datetime.fromtimestamp(ms // 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return t + (f".{ms % 1000:03d}" if ms % 1000 else "") + "Z"


def fake_hash(i):
    """A made-up SHA-256 hash in base64, for examples."""
    import hashlib
    return base64.b64encode(hashlib.sha256(f"pujiang example {i}".encode()).digest()).decode()


def inclusion_length(m, n):
    """How many hashes RFC 9162's PATH(m, D[n]) has."""
    if n <= 1:
        return 0
    k = 1 << ((n - 1).bit_length() - 1)
    return 1 + (inclusion_length(m, k) if m < k else inclusion_length(m - k, n - k))


def consistency_length(m, n, whole=True):
    """How many hashes RFC 9162's SUBPROOF(m, D[n], whole) has."""
    if m == n:
        return 0 if whole else 1
    k = 1 << ((n - 1).bit_length() - 1)
    return 1 + (consistency_length(m, k, whole) if m <= k else consistency_length(m - k, n - k, False))


LOG_ORIGIN = "pujiang.local/log/4f1c0a9e2b7d"
LOG_VKEY = f"{LOG_ORIGIN}+9aa640e5+AZyfQWPKjr4sJbTyC6cZS1+Mzn2tZKyv+BhrtwElFgq/"
WITNESS_NAME = "witness.example.org"
WITNESS_VKEY = f"{WITNESS_NAME}+5f57ae07+BF9AKx43OLGFf2I+zdyV6z4EkZpvd54tAW/aUSvOK0re"
LOG_SIGNATURE = "mqZA5fPxWiPkPxOI7ORcLwC6Qb/SkgsiedQDcHZV9hU8EUIFZFdh7wy2aeTJh5uy27ZMX92N4QIR8wf9DQNmtrls7uU="
WITNESS_COSIGNATURE = ("X1euBwAAAABrBVIQzTwgRidJ4J+jrtRpIPYyQx7oqc/ZD5h7tQs2RFA62LRbreo0HCQNRWYEvespeD1k/Je5cF6cO"
                       "XOceNf6v8szoQ==")
CHECKPOINT_SIZE = 1800
CHECKPOINT_BODY = f"{LOG_ORIGIN}\n{CHECKPOINT_SIZE}\n0FCMuKxCluv/mq+5ApePDvFntsA6ozK+8DW1Iaq+ahg=\n"
CHECKPOINT_NOTE = CHECKPOINT_BODY + f"\n— {LOG_ORIGIN} {LOG_SIGNATURE}\n— {WITNESS_NAME} {WITNESS_COSIGNATURE}\n"
COSIGNED_NOTE = CHECKPOINT_BODY + f"\n— {WITNESS_NAME} {WITNESS_COSIGNATURE}\n"

ASSET_ID = "0b0e6a58-2f55-4a59-a4f4-3c0b8e3f5a11"
PLACEMENT_ID = "7d3c2b1a-0f9e-4d8c-b7a6-5e4f3a2b1c0d"
ASSET_FILE_URL = f"/api/assets/{ASSET_ID}/file"
CONTENT_HASH = "sha256:c5220b3c4266890f047190c18dc4243e0dac079d43ca8065899c4f9f3cf124ef"
ASSET_TITLE = "青花瓷灯笼 Blue-and-white lantern"
ASSET_LICENCE = "CC BY-NC 4.0"
REGISTER_INDEX, MINT_INDEX, TRANSFER_INDEX, BURN_INDEX = 1204, 1205, 1742, 1790
REGISTER_MS = 1779761742118
MINT_MS = REGISTER_MS + 61_507
TRANSFER_MS = MINT_MS + 181 * 86_400_000 + 3_600_000
BURN_MS = TRANSFER_MS + 2 * 86_400_000

ASSET_EXAMPLE = {
    "id": ASSET_ID, "contentHash": CONTENT_HASH, "format": "glb", "mime": "model/gltf-binary", "size": 482716,
    "title": ASSET_TITLE, "licence": ASSET_LICENCE, "creator": USER_ID, "creatorName": "李明", "editions": 100,
    "minted": 100, "burned": 0, "registeredAt": instant(REGISTER_MS), "logIndex": REGISTER_INDEX,
    "fileUrl": ASSET_FILE_URL,
}
REGISTER_EVENT = {"kind": "register", "asset": ASSET_ID, "logIndex": REGISTER_INDEX, "at": instant(REGISTER_MS),
                  "from": None, "to": USER_ID, "toName": "李明", "edition": None}
MINT_EVENT = {"kind": "mint", "asset": ASSET_ID, "logIndex": MINT_INDEX, "at": instant(MINT_MS), "from": None,
              "to": USER_ID, "toName": "李明", "edition": 1, "count": 100}
TRANSFER_EVENT = {"kind": "transfer", "asset": ASSET_ID, "logIndex": TRANSFER_INDEX, "at": instant(TRANSFER_MS),
                  "from": USER_ID, "fromName": "李明", "to": MEMBER_ID, "toName": "王芳", "edition": 1,
                  "prev": MINT_INDEX}
BURN_EVENT = {"kind": "burn", "asset": ASSET_ID, "logIndex": BURN_INDEX, "at": instant(BURN_MS),
              "from": MEMBER_ID, "fromName": "王芳", "to": None, "edition": 1, "prev": TRANSFER_INDEX}
# The transfer's leaf: its entry in RFC 8785 (JCS) form, as the log hashed it.
TRANSFER_LEAF = json.dumps({"v": 1, "kind": "transfer", "asset": ASSET_ID, "at": TRANSFER_MS, "edition": 1,
                            "from": USER_ID, "to": MEMBER_ID, "prev": MINT_INDEX},
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False)
TRANSFER_LEAF_B64 = base64.b64encode(TRANSFER_LEAF.encode()).decode()
INCLUSION_EXAMPLE = {"index": TRANSFER_INDEX, "size": CHECKPOINT_SIZE,
                     "hashes": [fake_hash(i) for i in range(inclusion_length(TRANSFER_INDEX, CHECKPOINT_SIZE))]}
CONSISTENCY_EXAMPLE = {"from": 1200, "to": CHECKPOINT_SIZE,
                       "hashes": [fake_hash(100 + i) for i in range(consistency_length(1200, CHECKPOINT_SIZE))]}
VERIFICATION_EXAMPLE = {"status": "verified", "realName": "李*", "idNumber": "110***********1239",
                        "birthDate": "1990-03-07", "adult": True, "verifiedAt": "2026-05-20T01:47:03.552Z"}

BASE64 = {"type": "string", "contentEncoding": "base64"}
HASH_B64 = {**BASE64, "minLength": 44, "maxLength": 44, "description": "A SHA-256 hash, standard base64."}
ACCOUNT_ID = {"type": "string", "format": "uuid", "description": "A user id (lower-case UUID)."}
LOG_INDEX = {"type": "integer", "format": "int64", "minimum": 0}
REQUEST_ID_SCHEMA = {
    "type": "string", "minLength": 1, "maxLength": REQUEST_ID_MAX,
    "description": "Optional: the caller's id for this request, unique per request for its account. Sending the "
                   "same request again with the same id answers the first answer, with `\"replayed\": true`, and "
                   "appends nothing, so a request that timed out may be retried safely. The server remembers the "
                   "last 100 000 ids until it restarts (docs/ledger.md).",
    "examples": ["gift-2026-11-24-0001"],
}
FORMAT_SCHEMA = {"type": "string", "enum": [f for f, _, _ in ASSET_FORMATS],
                 "description": "The file's format, decided from its bytes.\n\n| format | media type | file names |\n"
                                "|---|---|---|\n"
                                + "\n".join(f"| `{f}` | `{m}` | " + ", ".join(f"`.{e}`" for e in exts) + " |"
                                            for f, m, exts in ASSET_FORMATS)}

schemas["Checkpoint"] = {
    "type": "string",
    "contentMediaType": "text/plain",
    "description": "A checkpoint (C2SP tlog-checkpoint) wrapped in a C2SP signed note: the body is three lines, the "
                   "log's origin, the tree size in decimal and the root hash in standard base64; then an empty line "
                   "and one signature line per signer, `— <key name> <base64(key ID (4) || signature)>`. The log "
                   "signs with Ed25519 (`GET /api/log/key` has its verifier key); witnesses' lines are "
                   "cosignature/v1 cosignatures (key ID (4) || timestamp (8, big-endian) || Ed25519 signature (64)). "
                   "See docs/ledger.md, \"Checkpoints\".",
    "examples": [CHECKPOINT_NOTE],
}
schemas["LogKey"] = {
    "type": "object",
    "description": "What a verifier needs to trust the log: its name, its signing key, and the consortium's "
                   "witnesses and quorum.",
    "required": ["origin", "vkey", "witnesses", "quorum"],
    "properties": {
        "origin": {"type": "string", "description": "The log's name: the first line of every checkpoint "
                                                    "(`ledger.origin`, or made up on first start)."},
        "vkey": {"type": "string",
                 "description": "The log's signed-note verifier key, `<name>+<hex key ID>+<base64(0x01 || 32-byte "
                                "Ed25519 public key)>`."},
        "witnesses": {"type": "array", "items": {"type": "string"},
                      "description": "The witnesses' cosignature verifier keys (`ledger.witnesses`), type 0x04."},
        "quorum": {"type": "integer", "minimum": 0,
                   "description": "Cosignatures a checkpoint needs before `GET /api/log/checkpoint` publishes it "
                                  "(`ledger.quorum`); 0: every checkpoint the log signs is published."},
    },
    "examples": [{"origin": LOG_ORIGIN, "vkey": LOG_VKEY, "witnesses": [WITNESS_VKEY], "quorum": 1}],
}
schemas["LogEntries"] = {
    "type": "object",
    "description": f"Entries `[start, end)` of the log, at most {LOG_MAX_ENTRIES}: `end` is the end asked for, cut "
                   f"to `start + {LOG_MAX_ENTRIES}`; page on from it.",
    "required": ["start", "end", "entries"],
    "properties": {
        "start": LOG_INDEX,
        "end": {**LOG_INDEX, "description": "Exclusive."},
        "entries": {"type": "array", "maxItems": LOG_MAX_ENTRIES, "items": {
            "type": "object", "required": ["index", "data"],
            "properties": {"index": LOG_INDEX,
                           "data": {**BASE64, "description": "The entry's exact bytes (the leaf), standard base64: "
                                                             "UTF-8 JSON in RFC 8785 form (docs/ledger.md, "
                                                             "\"Entries\")."}}}},
    },
    "examples": [{"start": TRANSFER_INDEX, "end": TRANSFER_INDEX + 1,
                  "entries": [{"index": TRANSFER_INDEX, "data": TRANSFER_LEAF_B64}]}],
}
schemas["InclusionProof"] = {
    "type": "object",
    "description": "An RFC 9162 §2.1.3 inclusion proof of entry `index` in the tree of the first `size` entries; "
                   "verify it with §2.1.3.2 against the root of a checkpoint of that size.",
    "required": ["index", "size", "hashes"],
    "properties": {"index": LOG_INDEX, "size": {**LOG_INDEX, "minimum": 1},
                   "hashes": {"type": "array", "items": HASH_B64, "description": "From the leaf up."}},
    "examples": [INCLUSION_EXAMPLE],
}
schemas["ConsistencyProof"] = {
    "type": "object",
    "description": "An RFC 9162 §2.1.4 consistency proof that the tree of `to` entries extends the tree of `from` "
                   "entries; verify it with §2.1.4.2 against the roots of two checkpoints. Empty when `from` = `to`.",
    "required": ["from", "to", "hashes"],
    "properties": {"from": {**LOG_INDEX, "minimum": 1}, "to": {**LOG_INDEX, "minimum": 1},
                   "hashes": {"type": "array", "items": HASH_B64}},
    "examples": [CONSISTENCY_EXAMPLE],
}
schemas["CosignatureResult"] = {
    "type": "object",
    "required": ["cosignatures", "quorum"],
    "properties": {
        "cosignatures": {"type": "integer", "minimum": 1,
                         "description": "How many configured witnesses have now cosigned that checkpoint."},
        "quorum": {"type": "integer", "minimum": 0, "description": "How many it needs to be published."},
    },
    "examples": [{"cosignatures": 1, "quorum": 1}],
}

schemas["VerificationRequest"] = {
    "type": "object",
    "required": ["realName", "idNumber"],
    "properties": {
        "realName": {"type": "string",
                     "description": f"2 to {REAL_NAME_MAX} letters (Chinese or Latin; `·`, `-`, `.` and spaces "
                                    "between), after trimming and NFKC normalisation; else 422 "
                                    "`identity:name.invalid`. Kept only masked (`张*`).",
                     "examples": ["李明"]},
        "idNumber": {"type": "string", "writeOnly": True,
                     "description": "An 18-character resident ID number (GB 11643-1999): 17 digits and an ISO 7064 "
                                    "MOD 11-2 check character, with a real birth date from 1900 on. Full-width "
                                    "digits, surrounding spaces and a lower-case `x` are accepted; 15-digit numbers "
                                    "are refused (422 `identity:id-number.invalid`, saying why). Never stored: only "
                                    "an HMAC of it (one number verifies one account) and a masked form."},
    },
    "examples": [{"realName": "李明", "idNumber": "110105199003071239"}],
}
schemas["Verification"] = {
    "type": "object",
    "description": "An account's real-name verification. Unverified: only `status`. Only the number's form is "
                   "checked, not whether it belongs to the name (docs/ledger.md, \"Identity\").",
    "required": ["status"],
    "properties": {
        "status": {"type": "string", "enum": ["verified", "unverified"]},
        "realName": {"type": "string", "description": "Masked: the first letter, then `*`."},
        "idNumber": {"type": "string", "description": "Masked: the first 3 and last 4 characters."},
        "birthDate": {"type": "string", "format": "date", "description": "From the ID number."},
        "adult": {"type": "boolean", "description": "Whether the account is of age (`assets.adult-age`, 18 by "
                                                    "default) today, by China Standard Time."},
        "verifiedAt": {"type": "string", "format": "date-time"},
    },
    "examples": [VERIFICATION_EXAMPLE, {"status": "unverified"}],
}

schemas["AssetUpload"] = {
    "type": "object",
    "description": "The form of `POST /api/assets`. Text fields are trimmed and NFC-normalised; control characters "
                   "are refused.",
    "required": ["file", "title", "licence", "editions"],
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": f"Exactly one file: a GLB or glTF model (glTF with embedded data only), a PNG or "
                                f"JPEG image, or MP3, WAV, Ogg or FLAC audio, at most `assets.max-file-bytes` "
                                f"({ASSET_MAX_FILE_BYTES} bytes by default). Its format is read from its bytes; a "
                                f"file name with one of the formats' extensions must agree with it."},
        "title": {"type": "string", "minLength": 1, "maxLength": ASSET_TITLE_MAX,
                  "description": f"1 to {ASSET_TITLE_MAX} code points.", "examples": [ASSET_TITLE]},
        "licence": {"type": "string", "minLength": 1, "maxLength": ASSET_LICENCE_MAX,
                    "description": f"The licence the creator grants holders, 1 to {ASSET_LICENCE_MAX} code points.",
                    "examples": [ASSET_LICENCE]},
        "editions": {"type": "integer", "minimum": 1, "maximum": ASSET_MAX_EDITIONS,
                     "description": f"How many editions the asset will ever have, 1 to `assets.max-editions` "
                                    f"({ASSET_MAX_EDITIONS} by default), as a decimal form field."},
        "requestId": REQUEST_ID_SCHEMA,
    },
}
schemas["Asset"] = {
    "type": "object",
    "description": "A digital asset as registered on the log, with how many of its editions are minted and burned.",
    "required": ["id", "contentHash", "format", "mime", "size", "title", "licence", "creator", "creatorName",
                 "editions", "minted", "burned", "registeredAt", "logIndex", "fileUrl"],
    "properties": {
        "id": {"type": "string", "format": "uuid", "description": "A random UUID, lower case."},
        "contentHash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$",
                        "description": "SHA-256 of the file. One file (by content) is one asset."},
        "format": FORMAT_SCHEMA,
        "mime": {"type": "string", "enum": [m for _, m, _ in ASSET_FORMATS],
                 "description": "The format's media type: the `Content-Type` of the file's URL."},
        "size": {"type": "integer", "format": "int64", "minimum": 1, "description": "Bytes."},
        "title": {"type": "string", "maxLength": ASSET_TITLE_MAX},
        "licence": {"type": "string", "maxLength": ASSET_LICENCE_MAX},
        "creator": ACCOUNT_ID,
        "creatorName": {"type": "string", "description": "The creator's current display name, or "
                                                         "`(deleted account)`."},
        "editions": {"type": "integer", "minimum": 1, "description": "How many editions it may ever have."},
        "minted": {"type": "integer", "minimum": 0, "description": "Editions minted so far (numbered from 1)."},
        "burned": {"type": "integer", "minimum": 0},
        "registeredAt": {"type": "string", "format": "date-time"},
        "logIndex": {**LOG_INDEX, "description": "The log index of its `register` entry."},
        "fileUrl": {"type": "string", "description": "`/api/assets/{id}/file`."},
    },
    "examples": [ASSET_EXAMPLE],
}
schemas["AssetEvent"] = {
    "type": "object",
    "description": "One entry of an asset on the log, as `GET /api/assets/{id}/provenance` lists it and mint, "
                   "transfer and burn answer it. `register`: `to` is the creator, `edition` null. `mint`: `to` "
                   "the creator, `edition` the first edition minted, `count` how many. `transfer`: `from` gave "
                   "`edition` to `to`. `burn`: `from` destroyed `edition`, `to` null. `prev` (transfer, burn) is the "
                   "log index of the edition's previous entry: the edition's history is a chain through it.",
    "required": ["kind", "asset", "logIndex", "at", "from", "to", "edition"],
    "properties": {
        "kind": {"type": "string", "enum": ["register", "mint", "transfer", "burn"]},
        "asset": {"type": "string", "format": "uuid"},
        "logIndex": LOG_INDEX,
        "at": {"type": "string", "format": "date-time", "description": "When the log accepted the entry."},
        "from": {"type": ["string", "null"], "format": "uuid"},
        "fromName": {"type": "string", "description": "`from`'s display name (transfer, burn)."},
        "to": {"type": ["string", "null"], "format": "uuid"},
        "toName": {"type": "string", "description": "`to`'s display name (register, mint, transfer)."},
        "edition": {"type": ["integer", "null"], "minimum": 1},
        "count": {"type": "integer", "minimum": 1, "description": "Only on `mint`."},
        "prev": {**LOG_INDEX, "description": "Only on `transfer` and `burn`."},
        "replayed": {"const": True, "description": "Only in the answer to a request whose `requestId` was seen "
                                                   "before: this is the first request's entry, nothing new was "
                                                   "appended."},
    },
    "examples": [TRANSFER_EVENT, MINT_EVENT],
}
schemas["Provenance"] = {
    "type": "object",
    "description": "A page of an asset's history on the log (or of one edition's), oldest first.",
    "required": ["asset", "events", "total", "logSize"],
    "properties": {
        "asset": {"type": "string", "format": "uuid"},
        "events": {"type": "array", "items": schema("AssetEvent")},
        "total": {"type": "integer", "minimum": 1, "description": "Events in the whole history asked for."},
        "next": {**LOG_INDEX, "description": "Present when more events follow: pass it as `after` for the next page."},
        "logSize": {**LOG_INDEX, "description": "The log's size now (not necessarily covered by a published "
                                                "checkpoint yet)."},
    },
    "examples": [{"asset": ASSET_ID, "events": [REGISTER_EVENT, MINT_EVENT, TRANSFER_EVENT],
                  "total": 3, "logSize": CHECKPOINT_SIZE + 3}],
}
schemas["ProofBundle"] = {
    "type": "object",
    "description": "Everything needed to check one entry of an asset offline, without trusting the server: hash "
                   "`leaf` (SHA-256(0x00 || leaf)), walk `inclusion` up to a root, and compare it with the root of "
                   "`checkpoint`, whose signature `vkey` verifies (and whose cosignatures the witnesses' keys from "
                   "`GET /api/log/key` verify). Then decode `leaf` and check it says what the server claims.",
    "required": ["logIndex", "leaf", "inclusion", "checkpoint", "vkey"],
    "properties": {
        "logIndex": LOG_INDEX,
        "leaf": {**BASE64, "description": "The entry's exact bytes, standard base64."},
        "inclusion": schema("InclusionProof"),
        "checkpoint": {**schema("Checkpoint"), "description": "The published checkpoint the proof leads to "
                                                              "(`inclusion.size` is its size)."},
        "vkey": {"type": "string", "description": "The log's verifier key, as in LogKey."},
    },
    "examples": [{"logIndex": TRANSFER_INDEX, "leaf": TRANSFER_LEAF_B64, "inclusion": INCLUSION_EXAMPLE,
                  "checkpoint": CHECKPOINT_NOTE, "vkey": LOG_VKEY}],
}
MINT_REQUEST_ID = {**REQUEST_ID_SCHEMA, "description": REQUEST_ID_SCHEMA["description"]
                   + " After a restart a retried mint mints again: check the asset's provenance first."}
schemas["MintRequest"] = {
    "type": "object",
    "description": "The whole body is optional.",
    "properties": {
        "count": {"type": "integer", "minimum": 1,
                  "description": "How many editions to mint; left out (or 0), every edition that remains. More than "
                                 "remain: 409 `asset:editions.exhausted`."},
        "requestId": MINT_REQUEST_ID,
    },
    "examples": [{"count": 10, "requestId": "mint-lantern-1"}, {}],
}
schemas["TransferRequest"] = {
    "type": "object",
    "required": ["to", "edition"],
    "properties": {
        "to": {"type": "string", "description": "The recipient: a user id, or a username (matched ignoring case)."},
        "edition": {"type": "integer", "minimum": 1},
        "requestId": REQUEST_ID_SCHEMA,
    },
    "examples": [{"to": "wangfang", "edition": 1, "requestId": "gift-2026-11-24-0001"}],
}
schemas["BurnRequest"] = {
    "type": "object",
    "required": ["edition"],
    "properties": {"edition": {"type": "integer", "minimum": 1}, "requestId": REQUEST_ID_SCHEMA},
    "examples": [{"edition": 1}],
}
HELD_EDITION_EXAMPLE = {"asset": ASSET_ID, "edition": 1, "holder": MEMBER_ID, "since": instant(TRANSFER_MS),
                        "lastLogIndex": TRANSFER_INDEX, "burned": False, "title": ASSET_TITLE, "format": "glb",
                        "fileUrl": ASSET_FILE_URL}
schemas["HeldEdition"] = {
    "type": "object",
    "description": "An edition the caller holds.",
    "required": ["asset", "edition", "holder", "since", "lastLogIndex", "burned"],
    "properties": {
        "asset": {"type": "string", "format": "uuid"},
        "edition": {"type": "integer", "minimum": 1},
        "holder": ACCOUNT_ID,
        "since": {"type": "string", "format": "date-time",
                  "description": "When the holder got it; it may be given on `assets.min-holding` (180 days by "
                                 "default) later."},
        "lastLogIndex": {**LOG_INDEX, "description": "Its latest entry: the `prev` of its next one."},
        "burned": {"type": "boolean"},
        "title": {"type": "string"},
        "format": FORMAT_SCHEMA,
        "fileUrl": {"type": "string"},
    },
    "examples": [HELD_EDITION_EXAMPLE],
}
schemas["EditionList"] = {
    "type": "object",
    "required": ["editions"],
    "properties": {"editions": {"type": "array", "items": schema("HeldEdition"),
                                "description": "In the order the caller got them."}},
    "examples": [{"editions": [HELD_EDITION_EXAMPLE]}],
}
PLACEMENT_EXAMPLE = {"id": PLACEMENT_ID, "asset": ASSET_ID, "edition": 1, "slot": "pedestal-1", "title": ASSET_TITLE,
                     "licence": ASSET_LICENCE, "creator": USER_ID, "creatorName": "李明", "format": "glb",
                     "fileUrl": ASSET_FILE_URL, "holder": MEMBER_ID, "holderName": "王芳"}
schemas["Placement"] = {
    "type": "object",
    "description": "An edition shown on a slot of a space's scene. It shows only while the one who placed it "
                   "still holds the edition (given on or burned, it disappears from the list).",
    "required": ["id", "asset", "edition", "slot", "title", "licence", "creator", "creatorName", "format",
                 "fileUrl", "holder", "holderName"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "asset": {"type": "string", "format": "uuid"},
        "edition": {"type": "integer", "minimum": 1},
        "slot": {"type": "string", "description": "A slot the space's scene names (`wall-1`…, `pedestal-1`…)."},
        "title": {"type": "string"}, "licence": {"type": "string"},
        "creator": ACCOUNT_ID, "creatorName": {"type": "string"},
        "format": FORMAT_SCHEMA, "fileUrl": {"type": "string"},
        "holder": {**ACCOUNT_ID, "description": "Who placed it, and holds it."},
        "holderName": {"type": "string"},
    },
    "examples": [PLACEMENT_EXAMPLE],
}
schemas["Placements"] = {
    "type": "object",
    "required": ["placements"],
    "properties": {"placements": {"type": "array", "items": schema("Placement")}},
    "examples": [{"placements": [PLACEMENT_EXAMPLE]}],
}
schemas["PlacementCreate"] = {
    "type": "object",
    "required": ["asset", "edition", "slot"],
    "properties": {
        "asset": {"type": "string", "format": "uuid", "description": "The asset's id (lower case)."},
        "edition": {"type": "integer", "minimum": 1, "description": "An edition the caller holds."},
        "slot": {"type": "string", "description": "A slot of the space's scene that shows nothing yet."},
    },
    "examples": [{"asset": ASSET_ID, "edition": 1, "slot": "pedestal-1"}],
}
schemas["PlacementCreated"] = {
    "type": "object",
    "required": ["id", "asset", "edition", "slot"],
    "properties": {"id": {"type": "string", "format": "uuid"}, "asset": {"type": "string", "format": "uuid"},
                   "edition": {"type": "integer"}, "slot": {"type": "string"}},
    "examples": [{"id": PLACEMENT_ID, "asset": ASSET_ID, "edition": 1, "slot": "pedestal-1"}],
}
schemas["Creators"] = {
    "type": "object",
    "description": "The accounts an operator approved to register assets (`assets.approved-creators-only`).",
    "required": ["creators"],
    "properties": {"creators": {"type": "array", "items": {
        "type": "object", "required": ["id", "username", "displayName"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "username": {"type": "string"},
                       "displayName": {"type": "string"}}}}},
    "examples": [{"creators": [{"id": USER_ID, "username": "liming", "displayName": "李明"}]}],
}
AUDIT_EVENT_EXAMPLE = {"id": 5120, "at": "2026-11-24T08:31:07.204Z", "actor": MEMBER_ID, "action": "asset.transfer",
                       "outcome": "asset:holding-period", "subject": ASSET_ID,
                       "message": "edition 1 may be given on from 2027-05-23T07:31:07.204Z (held since "
                                  "2026-11-24T07:31:07.204Z; the minimum holding period is 180 days)"}
schemas["AuditEvent"] = {
    "type": "object",
    "description": "One line of the audit log: every refused asset operation and upload, every verification "
                   "attempt, and operators' approvals. Never an ID number.",
    "required": ["id", "at", "actor", "action", "outcome", "subject", "message"],
    "properties": {
        "id": {"type": "integer", "format": "int64", "description": "Increasing; page with `before`."},
        "at": {"type": "string", "format": "date-time"},
        "actor": {"type": ["string", "null"], "format": "uuid"},
        "action": {"type": "string", "examples": ["asset.register", "asset.mint", "asset.transfer", "asset.burn",
                                                  "identity.verify", "creator.approve", "creator.revoke"]},
        "outcome": {"type": "string", "description": "`ok`, or the error code it was refused with."},
        "subject": {"type": ["string", "null"], "description": "The asset, account or file name concerned."},
        "message": {"type": "string"},
    },
    "examples": [AUDIT_EVENT_EXAMPLE],
}
schemas["AuditEvents"] = {
    "type": "object",
    "required": ["events"],
    "properties": {"events": {"type": "array", "items": schema("AuditEvent"), "description": "Newest first."}},
    "examples": [{"events": [AUDIT_EVENT_EXAMPLE]}],
}

parameters["AssetId"] = {
    "name": "id", "in": "path", "required": True,
    "description": "The asset's id, a lower-case UUID. Anything else, or an unknown id, answers 404 "
                   "`asset:not-found`.",
    "schema": {"type": "string", "format": "uuid"}, "example": ASSET_ID,
}
parameters["PlacementId"] = {
    "name": "placement", "in": "path", "required": True,
    "description": "The placement's id; anything unknown in this space answers 404 `asset:placement.not-found`.",
    "schema": {"type": "string", "format": "uuid"}, "example": PLACEMENT_ID,
}
parameters["CreatorUser"] = {
    "name": "user", "in": "path", "required": True,
    "description": "A user id. Not a UUID, or no such account, answers 404 `http:not-found`.",
    "schema": {"type": "string", "format": "uuid"}, "example": USER_ID,
}


def log_query(name, description, required=True, minimum=0):
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": {"type": "integer", "format": "int64", "minimum": minimum}}


RETRY = {"Retry-After": ref("headers", "Retry-After")}
responses["CheckpointUnavailable"] = error_response(
    "No checkpoint to give yet (`ledger:checkpoint.none`): nothing was ever appended, or, for the published "
    "checkpoint with a quorum above 0, no checkpoint has a quorum of cosignatures yet. Or the database does not "
    "answer.",
    ["ledger:checkpoint.none", "server:db.unavailable"],
    {"empty": ("Empty log", err("ledger:checkpoint.none", "the log has no checkpoint yet: nothing was appended")),
     "quorum": ("No quorum yet", err("ledger:checkpoint.none", "no checkpoint has 2 witness cosignatures yet"))})
responses["LogRangeInvalid"] = error_response(
    "A required number is missing or not a whole number (`request:query.invalid`), or the numbers are outside the "
    "log (`ledger:range.invalid`, with the bounds).",
    ["request:query.invalid", "ledger:range.invalid"],
    {"beyond": ("Past the end", err("ledger:range.invalid", "the log holds 1803 entries; end=2000 is beyond it")),
     "index": ("Index not below size", err("ledger:range.invalid",
                                           "index must be between 0 and size-1 (1799); got 1800")),
     "missing": ("Missing", err("request:query.invalid", "size is required")),
     "notNumber": ("Not a number", err("request:query.invalid", "start must be a whole number, got 'ten'"))})
responses["CosignatureMediaType"] = error_response(
    "The body is not declared as `text/plain`.", ["request:media-type.unsupported"],
    {"json": ("Sent as JSON", err("request:media-type.unsupported",
                                  "send the cosigned checkpoint as text/plain (a C2SP signed note)"))})
responses["WitnessUnknown"] = error_response(
    "The note carries no cosignature by a witness this log is configured with (`ledger.witnesses`).",
    ["ledger:witness.unknown"],
    {"unknown": ("Unknown witness", err("ledger:witness.unknown", "the note carries no cosignature by a witness "
                                                                  "this log knows (ledger.witnesses)"))})
responses["CheckpointUnknown"] = error_response(
    "The log never signed a checkpoint of that size, or signed a different one (origin or root differ): a "
    "witness that sees this has found a forked or foreign log.",
    ["ledger:checkpoint.unknown"],
    {"unknown": ("Never signed", err("ledger:checkpoint.unknown", "the log never signed a checkpoint of size 1801")),
     "fork": ("Different root", err("ledger:checkpoint.unknown", "the log signed a different checkpoint of size 1800 "
                                                                 "(origin or root differ)"))})
responses["CosignatureInvalid"] = error_response(
    "The body is empty or not a signed note whose body is a checkpoint, or a known witness's cosignature does "
    "not verify for it or is dated more than 10 minutes ahead of the server's clock.",
    ["ledger:cosignature.invalid"],
    {"bad": ("Bad signature", err("ledger:cosignature.invalid", f"the cosignature of {WITNESS_NAME} does not verify "
                                                                "for this checkpoint")),
     "empty": ("No body", err("ledger:cosignature.invalid", "the body must be a cosigned checkpoint")),
     "future": ("Witness clock ahead", err("ledger:cosignature.invalid", f"the cosignature of {WITNESS_NAME} is "
                                                                         "dated 2026-11-24T09:30:00Z, in the future; "
                                                                         "check the witness's clock"))})
responses["LedgerBusy"] = error_response(
    "The log writer did not answer in time or its queue is full (`ledger:overloaded`, with `Retry-After`): a "
    "command may still be appended, so retry with the same `requestId`. Or the database does not answer.",
    ["ledger:overloaded", "server:db.unavailable"],
    {"busy": ("Log busy", err("ledger:overloaded", "the log is busy; try again in a moment")),
     "timeout": ("No answer in time", err(
         "ledger:overloaded", "the log did not answer within 10 s; the request may still be appended — retry with "
                              "the same requestId to learn its outcome"))},
    headers=RETRY)
responses["ProofUnavailable"] = error_response(
    "The entry is newer than the published checkpoint, or there is none yet (`ledger:checkpoint.none`; ask again "
    "after `Retry-After`); the log is busy (`ledger:overloaded`); or the database does not answer.",
    ["ledger:checkpoint.none", "ledger:overloaded", "server:db.unavailable"],
    {"notYet": ("Not yet covered", err(
        "ledger:checkpoint.none", "log entry 1802 is not yet covered by a published checkpoint (size 1800); ask "
                                  "again in a moment"))},
    headers=RETRY)
responses["ProofRangeInvalid"] = error_response(
    "`logIndex` is not a whole number (`request:query.invalid`), or not the index of one of this asset's entries "
    "(`ledger:range.invalid`).",
    ["request:query.invalid", "ledger:range.invalid"],
    {"other": ("Another asset's entry", err("ledger:range.invalid", f"log entry 17 is not one of asset {ASSET_ID}"))})
responses["VerificationInvalid"] = error_response(
    "A field is missing or not a string (`request:field.*`), the name is not 2 to 32 letters "
    "(`identity:name.invalid`), or the ID number is not valid (`identity:id-number.invalid`, saying why).",
    ["request:field.missing", "request:field.invalid", "identity:name.invalid", "identity:id-number.invalid"],
    {"check": ("Mistyped number", err("identity:id-number.invalid",
                                      "the check character does not match: the number is mistyped")),
     "old": ("15 digits", err("identity:id-number.invalid",
                              "15-digit ID numbers (issued before 1999) are no longer valid; use the 18-character "
                              "number")),
     "name": ("Bad name", err("identity:name.invalid", "realName must be 2 to 32 letters (Chinese or Latin, with · - "
                                                       "or spaces between)"))})
responses["IdNumberTaken"] = error_response(
    "The ID number already verified another account.", ["identity:id-number.taken"],
    {"taken": ("Taken", err("identity:id-number.taken", "this ID number already verified another account"))})
responses["GuestForbidden"] = error_response(
    "Guests cannot verify, create or hold assets: they have no lasting account.", ["auth:forbidden"],
    {"guest": ("Guest", err("auth:forbidden", "sign in with a registered account to hold digital assets"))})
HOLDER_REFUSALS = {
    "unverified": ("Not verified", err("asset:identity.unverified",
                                       "you must verify a real name before holding digital assets")),
    "minor": ("Under age", err("asset:identity.minor", "digital collectibles are held by adults (18 or older) only")),
}
responses["RegisterForbidden"] = error_response(
    "A guest (`auth:forbidden`), or the policy refuses the caller: not real-name verified, under age, or not an "
    "approved creator (docs/ledger.md, \"Policy\"; operators and admins always may).",
    ["auth:forbidden", "asset:identity.unverified", "asset:identity.minor", "asset:creator.not-approved"],
    {**HOLDER_REFUSALS,
     "creator": ("Not approved", err("asset:creator.not-approved",
                                     "only creators an operator approved may register assets"))})
responses["AssetExists"] = error_response(
    "A file with the same content is registered already: one file is one asset.", ["asset:exists"],
    {"same": ("Same file", err("asset:exists", f"a file with the same content ({CONTENT_HASH}) is registered"))})
responses["UploadTooLarge"] = error_response(
    "The file is larger than `assets.max-file-bytes` (`asset:file.too-large`), or the whole form is larger than "
    "that plus 64 KiB and was cut off before it was read (`request:body.too-large`).",
    ["request:body.too-large", "asset:file.too-large"],
    {"file": ("File too large", err("asset:file.too-large", "the file has 33600000 bytes; the limit is 33554432",
                                    "file"))})
responses["UploadMediaType"] = error_response(
    "The body is not `multipart/form-data`.", ["request:media-type.unsupported"],
    {"json": ("Sent as JSON", err("request:media-type.unsupported", "upload the asset as multipart/form-data with "
                                                                    "a file and the fields title, licence and "
                                                                    "editions"))})
responses["UploadInvalid"] = error_response(
    "A form field is missing or not valid (`request:field.*`, `field` names it: `file` when there is not exactly "
    "one file), or the file is refused (`field: file`): empty; none of the formats (or a kind an asset may not be, "
    "e.g. JSON that is not glTF, an Ogg of video); damaged (its structure is broken, a glTF refers to outside "
    "files, or its name claims a format its bytes do not start like); or its content and name disagree.",
    ["request:field.missing", "request:field.invalid", "asset:file.empty", "asset:format.unsupported",
     "asset:format.corrupt", "asset:format.mismatch"],
    {"noFile": ("No file", err("request:field.missing", "send exactly one file, in the form field 'file'", "file")),
     "editions": ("Too many editions", err("request:field.invalid", "editions must be between 1 and 10000, got 20000",
                                           "editions")),
     "mismatch": ("PNG named .glb", err("asset:format.mismatch", "the file is a PNG but its name says .glb (GLB); "
                                                                "rename it .png if that is what it is", "file")),
     "corrupt": ("Damaged", err("asset:format.corrupt", "the PNG file is damaged: chunk IDAT has a bad CRC",
                                "file")),
     "unsupported": ("Not an asset format", err(
         "asset:format.unsupported", "the file is none of the formats an asset may have: GLB or glTF models, PNG or "
                                     "JPEG images, MP3, WAV, Ogg or FLAC audio", "file"))})
responses["AssetNotFound"] = error_response(
    "No asset with this id.", ["asset:not-found"],
    {"notFound": ("Unknown asset", err("asset:not-found", f"no asset {ASSET_ID}"))})
responses["ProvenanceNotFound"] = error_response(
    "No asset with this id, or (with `edition`) no such edition of it.", ["asset:not-found", "asset:edition.not-found"],
    {"notFound": ("Unknown asset", err("asset:not-found", f"no asset {ASSET_ID}")),
     "edition": ("Unknown edition", err("asset:edition.not-found", f"asset {ASSET_ID} has no edition 9"))})
responses["AssetFileNotFound"] = error_response(
    "No asset with this id (`asset:not-found`), or its file is not in this server's content store "
    "(`http:not-found`).",
    ["asset:not-found", "http:not-found"],
    {"missing": ("File missing", err("http:not-found", f"the file of asset {ASSET_ID} is not in this server's "
                                                       "content store"))})
responses["MintForbidden"] = error_response(
    "A guest, not the asset's creator, or the creator may no longer hold assets under the policy.",
    ["auth:forbidden", "asset:not-creator", "asset:identity.unverified", "asset:identity.minor"],
    {"notCreator": ("Not the creator", err("asset:not-creator", "only the creator of an asset mints its editions")),
     **HOLDER_REFUSALS})
responses["EditionsExhausted"] = error_response(
    "Every edition is minted, or fewer remain than `count`.", ["asset:editions.exhausted"],
    {"all": ("All minted", err("asset:editions.exhausted", "all 100 editions are minted")),
     "fewer": ("Too many", err("asset:editions.exhausted", "only 5 of 100 editions remain; cannot mint 10"))})
responses["TransferForbidden"] = error_response(
    "A guest; the caller does not hold the edition (of two transfers of one edition at the same moment, exactly "
    "one wins and the other gets this); or the policy refuses the caller or the recipient (not verified, under "
    "age).",
    ["auth:forbidden", "asset:not-holder", "asset:identity.unverified", "asset:identity.minor"],
    {"notHolder": ("Not the holder", err("asset:not-holder", f"you do not hold edition 1 of {ASSET_ID}")),
     "recipient": ("Recipient not verified", err(
         "asset:identity.unverified", "the recipient must verify a real name before holding digital assets"))})
responses["TransferNotFound"] = error_response(
    "No such asset, no such edition (not minted), or no such recipient account.",
    ["asset:not-found", "asset:edition.not-found", "asset:recipient.not-found"],
    {"edition": ("Not minted", err("asset:edition.not-found", f"asset {ASSET_ID} has no edition 101 (minted: 1 to 100)")),
     "recipient": ("Unknown recipient", err("asset:recipient.not-found", "no account 'wangfan'"))})
responses["TransferConflict"] = error_response(
    "The edition was burned, or its holder has not held it for `assets.min-holding` yet (the message says from "
    "when it may be given on).",
    ["asset:edition.burned", "asset:holding-period"],
    {"holding": ("Held too briefly", err(
        "asset:holding-period", "edition 1 may be given on from 2027-05-23T07:31:07.204Z (held since "
                                "2026-11-24T07:31:07.204Z; the minimum holding period is 180 days)")),
     "burned": ("Burned", err("asset:edition.burned", f"edition 1 of {ASSET_ID} was burned"))})
responses["TransferInvalid"] = error_response(
    "A field is missing or of the wrong type (`request:field.*`), or the recipient is the caller "
    "(`asset:self-transfer`).",
    ["request:field.missing", "request:field.invalid", "asset:self-transfer"],
    {"self": ("To oneself", err("asset:self-transfer", "you already hold edition 1")),
     "missing": ("No edition", err("request:field.missing", "edition is required", "edition"))})
responses["TransferLimit"] = error_response(
    "The caller gave `assets.max-transfers-per-day` editions today (3 by default; the day turns at midnight China "
    "Standard Time, which the message names). `Retry-After` says how many seconds until then.",
    ["asset:transfer-limit"],
    {"limit": ("Daily limit", err("asset:transfer-limit", "you gave 3 editions today; the limit is 3 a day (the day "
                                                          "turns at midnight China time, 2026-11-25T00:00 UTC+8)"))},
    headers=RETRY)
responses["BurnForbidden"] = error_response(
    "A guest, or the caller does not hold the edition.", ["auth:forbidden", "asset:not-holder"],
    {"notHolder": ("Not the holder", err("asset:not-holder", f"you do not hold edition 1 of {ASSET_ID}"))})
responses["EditionNotFound"] = error_response(
    "No such asset, or no such edition (not minted).", ["asset:not-found", "asset:edition.not-found"],
    {"edition": ("Not minted", err("asset:edition.not-found", f"asset {ASSET_ID} has no edition 101 (minted: 1 to 100)"))})
responses["EditionBurned"] = error_response(
    "The edition was burned already.", ["asset:edition.burned"],
    {"burned": ("Burned", err("asset:edition.burned", f"edition 1 of {ASSET_ID} was burned"))})
responses["PlaceForbidden"] = error_response(
    "The caller may see the space but not manage it (`auth:forbidden`), or does not hold that edition (or it was "
    "burned, or the asset is unknown: `asset:not-holder`).",
    ["auth:forbidden", "asset:not-holder"],
    {"notHolder": ("Not the holder", err("asset:not-holder", f"you do not hold edition 1 of {ASSET_ID}"))})
responses["PlaceNotFound"] = error_response(
    "No such space the caller may see (`space:not-found`), or no such asset (`asset:not-found`; an `asset` that is "
    "not an asset id at all is 422 `request:field.invalid`).",
    ["space:not-found", "asset:not-found"],
    {"asset": ("Unknown asset", err("asset:not-found", "no asset 0b0e6a58-2f55-4a59-a4f4-3c0b8e3f5a11"))})
responses["SlotTaken"] = error_response(
    "The slot already shows an edition; remove that placement first.", ["asset:slot.taken"],
    {"taken": ("Taken", err("asset:slot.taken", "slot pedestal-1 already shows an asset"))})
responses["PlaceInvalid"] = error_response(
    "A field is missing or of the wrong type (`request:field.*`), or the space's scene has no such slot "
    "(`asset:slot.invalid`, which lists the slots it has).",
    ["request:field.missing", "request:field.invalid", "asset:slot.invalid"],
    {"slot": ("No such slot", err("asset:slot.invalid", "the exhibition scene has no slot 'plinth-1'; it has "
                                                        "[wall-1, wall-2, wall-3, wall-4, wall-5, wall-6, pedestal-1, "
                                                        "pedestal-2, pedestal-3, pedestal-4]", "slot"))})
responses["PlacementNotFound"] = error_response(
    "No such space the caller may see, or no such placement in it.",
    ["space:not-found", "asset:placement.not-found"],
    {"placement": ("Unknown placement", err("asset:placement.not-found",
                                            f"no placement {PLACEMENT_ID} in this space"))})
responses["AccountNotFound"] = error_response(
    "No account with this id (approving), or the account is not an approved creator (withdrawing).",
    ["http:not-found"],
    {"approve": ("Unknown account", err("http:not-found", f"no account {MEMBER_ID}")),
     "revoke": ("Not approved", err("http:not-found", f"account {MEMBER_ID} is not an approved creator"))})

E503L = ("503", "LedgerBusy")
ASSET_ID_PARAM = [ref("parameters", "AssetId")]
TEXT_NOTE = "text/plain; charset=utf-8"
REGISTERED_ONLY = "Guests may not (403)."

for path, op_id, summary, description in [
        ("/api/log/checkpoint", "getCheckpoint", "The published checkpoint",
         "The log's published checkpoint as a signed note, with the log's signature and every cosignature it "
         "holds: with `ledger.quorum` 0 the newest checkpoint the log signed, otherwise the newest one with at "
         "least `quorum` witness cosignatures. Verify it with `vkey` from `GET /api/log/key`, and check that it is "
         "consistent with the last one you saw (`GET /api/log/proof/consistency`)."),
        ("/api/log/checkpoints/latest", "getLatestCheckpoint", "The newest signed checkpoint",
         "The newest checkpoint the log signed, with the cosignatures it has so far, published or not: what "
         "witnesses fetch to cosign. The log signs at most every `ledger.checkpoint-interval` (1 s) while entries "
         "are pending.")]:
    paths[path] = {"get": {
        **PUBLIC,
        "operationId": op_id, "tags": ["ledger"], "summary": summary, "description": description,
        "responses": {
            "200": {**ok("The checkpoint, a C2SP signed note.", {TEXT_NOTE: {"schema": schema("Checkpoint"),
                                                                            "example": CHECKPOINT_NOTE}}),
                    "headers": {**REQUEST_ID_HEADER, "Cache-Control": {
                        "description": "`no-cache`: the checkpoint changes as the log grows.",
                        "schema": {"type": "string", "const": "no-cache"}}}},
            **errors(E500, ("503", "CheckpointUnavailable")),
        },
    }}
paths["/api/log/key"] = {"get": {
    **PUBLIC,
    "operationId": "getLogKey", "tags": ["ledger"], "summary": "The log's key and witnesses",
    "description": "The log's origin and verifier key, and the witnesses' keys and quorum a checkpoint needs. Pin "
                   "them: a verifier that trusts these checks everything else the log answers.",
    "responses": {"200": ok("The key.", json_content(schema("LogKey"))), **errors(E500)},
}}
paths["/api/log/entries"] = {"get": {
    **PUBLIC,
    "operationId": "getLogEntries", "tags": ["ledger"], "summary": "Entries by range",
    "description": f"Entries `[start, end)` with their exact bytes, at most {LOG_MAX_ENTRIES} per call (a longer "
                   f"range is answered cut short; page on from the answer's `end`). `end` past the log's size, or "
                   f"not above `start`, answers 400 `ledger:range.invalid` (so does an empty log, even with no "
                   f"parameters, since `end` defaults to the log's size).",
    "parameters": [
        log_query("start", "The first index (default 0).", required=False),
        log_query("end", f"One past the last index; default: `start + {LOG_MAX_ENTRIES}`, or the log's size if "
                         f"smaller.", required=False, minimum=1),
    ],
    "responses": {"200": ok("The entries.", json_content(schema("LogEntries"))),
                  **errors(("400", "LogRangeInvalid"), E500, E503)},
}}
paths["/api/log/proof/inclusion"] = {"get": {
    **PUBLIC,
    "operationId": "getInclusionProof", "tags": ["ledger"], "summary": "Inclusion proof",
    "description": "Proves that entry `index` is in the tree of the first `size` entries, for "
                   "`0 ≤ index < size ≤` the log's size. Take `size` from a checkpoint you verified.",
    "parameters": [log_query("index", "The entry's index."),
                   log_query("size", "The tree size, e.g. a checkpoint's.", minimum=1)],
    "responses": {"200": ok("The proof.", json_content(schema("InclusionProof"))),
                  **errors(("400", "LogRangeInvalid"), E500, E503)},
}}
paths["/api/log/proof/consistency"] = {"get": {
    **PUBLIC,
    "operationId": "getConsistencyProof", "tags": ["ledger"], "summary": "Consistency proof",
    "description": "Proves that the tree of `to` entries extends the tree of `from` entries (the log only "
                   "appended), for `1 ≤ from ≤ to ≤` the log's size.",
    "parameters": [log_query("from", "The older tree's size.", minimum=1),
                   log_query("to", "The newer tree's size.", minimum=1)],
    "responses": {"200": ok("The proof.", json_content(schema("ConsistencyProof"))),
                  **errors(("400", "LogRangeInvalid"), E500, E503)},
}}
paths["/api/log/cosignatures"] = {"post": {
    **PUBLIC,
    "operationId": "postCosignature", "tags": ["ledger"], "summary": "A witness cosigns a checkpoint",
    "description": "A witness posts a checkpoint the log signed (from `GET /api/log/checkpoints/latest`) as a signed "
                   "note carrying its cosignature/v1 line (C2SP tlog-cosignature); other lines, the log's own "
                   "included, are ignored. The log checks each known witness's cosignature against its configured "
                   "key and that it signed exactly that checkpoint, and keeps it. No session: the signature is the "
                   "credential. Once a checkpoint has `quorum` cosignatures it is published. `pujiang witness` does "
                   "this (docs/ledger.md).",
    "requestBody": {"required": True, "description": "A signed note, sent as `text/plain` (UTF-8).",
                    "content": {"text/plain": {"schema": schema("Checkpoint"), "example": COSIGNED_NOTE}}},
    "responses": {
        "200": ok("Accepted.", json_content(schema("CosignatureResult"))),
        **errors(("403", "WitnessUnknown"), ("409", "CheckpointUnknown"), E413, ("415", "CosignatureMediaType"),
                 ("422", "CosignatureInvalid"), E500, E503),
    },
}}

paths["/api/me/verification"] = {
    "post": {
        "operationId": "verifyIdentity", "tags": ["assets"], "summary": "Verify the caller's real name",
        "description": "Real-name verification (实名认证), which holding, receiving and creating assets need "
                       "(`assets.real-name-required`). Checks the ID number's form and birth date (not whether it "
                       "belongs to the name), then keeps only an HMAC and a masked form; a later verification "
                       "replaces the account's earlier one. Every attempt is audited, never with the number. "
                       + REGISTERED_ONLY,
        "requestBody": body("VerificationRequest"),
        "responses": {
            "200": ok("Verified.", json_content(schema("Verification"), example=VERIFICATION_EXAMPLE)),
            **errors(E400, E401, ("403", "GuestForbidden"), ("409", "IdNumberTaken"), E413, E415,
                     ("422", "VerificationInvalid"), E500, E503),
        },
    },
    "get": {
        "operationId": "getIdentityVerification", "tags": ["assets"], "summary": "The caller's verification",
        "description": "Whether the caller is verified, masked. Guests are always `unverified`.",
        "responses": {"200": ok("The status.", json_content(schema("Verification"))), **errors(E401, E500, E503)},
    },
}
paths["/api/me/assets"] = {"get": {
    "operationId": "listMyEditions", "tags": ["assets"], "summary": "The editions the caller holds",
    "responses": {"200": ok("The editions.", json_content(schema("EditionList"))), **errors(E401, E500, E503L)},
}}
paths["/api/assets"] = {"post": {
    "operationId": "registerAsset", "tags": ["assets"], "summary": "Register an asset",
    "description": "Uploads a file and registers it as an asset with a number of editions, created by the caller "
                   "(mint them next). The server reads the file's header and structure to decide its format, "
                   "refuses a file whose content and name disagree, stores it under its SHA-256, and appends a "
                   "`register` entry; the answer comes once the entry is durable. Only real-name verified adults "
                   "who are approved creators (by default; operators and admins always) may; guests may not. "
                   "Every refusal is audited. With a `requestId` seen before, the answer is the asset that "
                   "request registered.",
    "requestBody": {"required": True, "content": {"multipart/form-data": {
        "schema": schema("AssetUpload"),
        "encoding": {"file": {"contentType": ", ".join(m for _, m, _ in ASSET_FORMATS)
                              + ", application/octet-stream"}},
    }}},
    "responses": {
        "201": ok("Registered: the asset, with the `logIndex` of its `register` entry.",
                  json_content(schema("Asset"), example={**ASSET_EXAMPLE, "minted": 0})),
        **errors(E401, ("403", "RegisterForbidden"), ("409", "AssetExists"), ("413", "UploadTooLarge"),
                 ("415", "UploadMediaType"), ("422", "UploadInvalid"), E500, E503L),
    },
}}
paths["/api/assets/{id}"] = {
    "parameters": ASSET_ID_PARAM,
    "get": {
        "operationId": "getAsset", "tags": ["assets"], "summary": "Get an asset",
        "description": "The asset as registered, with how many editions are minted and burned. Any signed-in caller.",
        "responses": {"200": ok("The asset.", json_content(schema("Asset"), example=ASSET_EXAMPLE)),
                      **errors(E401, ("404", "AssetNotFound"), E500, E503L)},
    },
}
paths["/api/assets/{id}/file"] = {
    "parameters": ASSET_ID_PARAM,
    "get": {
        "operationId": "getAssetFile", "tags": ["assets"], "summary": "An asset's file",
        "description": "The file's bytes, exactly as registered (their SHA-256 is `contentHash`), with the asset's "
                       "media type (`mime`). Content-addressed, so the answer never changes: it may be cached for "
                       "good. Any signed-in caller.",
        "responses": {
            "200": {**ok("The file.", {m: {"schema": {"type": "string", "format": "binary"}}
                                       for _, m, _ in ASSET_FORMATS}),
                    "headers": {**REQUEST_ID_HEADER, "Cache-Control": {
                        "description": "`private, max-age=31536000, immutable`.",
                        "schema": {"type": "string"}}}},
            **errors(E401, ("404", "AssetFileNotFound"), E500, E503L),
        },
    },
}
paths["/api/assets/{id}/mint"] = {
    "parameters": ASSET_ID_PARAM,
    "post": {
        "operationId": "mintEditions", "tags": ["assets"], "summary": "Mint editions",
        "description": "The creator mints the next `count` editions (all that remain by default) to themselves: "
                       "one `mint` entry. The creator must still be allowed to hold assets. " + REGISTERED_ONLY,
        "requestBody": body("MintRequest", required=False),
        "responses": {
            "200": ok("The `mint` entry: `edition` is the first edition minted.",
                      json_content(schema("AssetEvent"), example=MINT_EVENT)),
            **errors(E400, E401, ("403", "MintForbidden"), ("404", "AssetNotFound"), ("409", "EditionsExhausted"),
                     E413, E415, E422, E500, E503L),
        },
    },
}
paths["/api/assets/{id}/transfer"] = {
    "parameters": ASSET_ID_PARAM,
    "post": {
        "operationId": "transferEdition", "tags": ["assets"], "summary": "Give an edition",
        "description": "Gives an edition the caller holds to another account: one `transfer` entry. There is no "
                       "price: transfers are gifts. Both must be allowed to hold assets; the caller must have held "
                       "the edition for `assets.min-holding` (180 days by default) and may give at most "
                       "`assets.max-transfers-per-day` (3) a day. Decided on the log writer's thread one request "
                       "after another, so of two transfers of one edition exactly one wins. " + REGISTERED_ONLY,
        "requestBody": body("TransferRequest"),
        "responses": {
            "200": ok("The `transfer` entry.", json_content(schema("AssetEvent"), example=TRANSFER_EVENT)),
            **errors(E400, E401, ("403", "TransferForbidden"), ("404", "TransferNotFound"),
                     ("409", "TransferConflict"), E413, E415, ("422", "TransferInvalid"), ("429", "TransferLimit"),
                     E500, E503L),
        },
    },
}
paths["/api/assets/{id}/burn"] = {
    "parameters": ASSET_ID_PARAM,
    "post": {
        "operationId": "burnEdition", "tags": ["assets"], "summary": "Burn an edition",
        "description": "Destroys an edition the caller holds: one `burn` entry; it can never be given or shown "
                       "again. " + REGISTERED_ONLY,
        "requestBody": body("BurnRequest"),
        "responses": {
            "200": ok("The `burn` entry.", json_content(schema("AssetEvent"), example=BURN_EVENT)),
            **errors(E400, E401, ("403", "BurnForbidden"), ("404", "EditionNotFound"), ("409", "EditionBurned"),
                     E413, E415, E422, E500, E503L),
        },
    },
}
paths["/api/assets/{id}/provenance"] = {
    "parameters": ASSET_ID_PARAM,
    "get": {
        "operationId": "getAssetProvenance", "tags": ["assets"], "summary": "An asset's history",
        "description": "The asset's entries on the log, oldest first, with their log indexes, in pages of up to "
                       "1000: check any of them with `GET /api/assets/{id}/proof`. With `edition`, that edition's "
                       "history only (the registration, the mint that made it, its transfers and burn, found by "
                       "following each entry's `prev`). Any signed-in caller.",
        "parameters": [
            {"name": "edition", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1},
             "description": "Only this edition's history."},
            {"name": "after", "in": "query", "required": False, "schema": LOG_INDEX,
             "description": "The page after this log index (the previous page's `next`)."},
            {"name": "limit", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1000}}],
        "responses": {"200": ok("The history.", json_content(schema("Provenance"))),
                      **errors(E400Q, E401, ("404", "ProvenanceNotFound"), E500, E503L)},
    },
}
paths["/api/assets/{id}/proof"] = {
    "parameters": ASSET_ID_PARAM,
    "get": {
        "operationId": "getAssetProof", "tags": ["assets", "ledger"], "summary": "Proof of an asset's entry",
        "description": "Everything a browser needs to check one of the asset's entries offline: the entry's bytes, "
                       "an inclusion proof into the published checkpoint, that checkpoint, and the log's key. While "
                       "the entry is newer than the published checkpoint the answer is 503 `ledger:checkpoint.none` "
                       "with `Retry-After`. Any signed-in caller.",
        "parameters": [{"name": "logIndex", "in": "query", "required": False,
                        "description": "One of the asset's entries (see its provenance); default: its latest.",
                        "schema": {"type": "integer", "format": "int64", "minimum": 0}}],
        "responses": {"200": ok("The proof bundle.", json_content(schema("ProofBundle"))),
                      **errors(("400", "ProofRangeInvalid"), E401, ("404", "AssetNotFound"), E500,
                               ("503", "ProofUnavailable"))},
    },
}
paths["/api/spaces/{id}/assets"] = {
    "parameters": SPACE_ID_PARAM,
    "get": {
        "operationId": "listPlacements", "tags": ["assets"], "summary": "The editions shown in a space",
        "description": "Editions placed on the space's slots whose placers still hold them. Anyone who may see the "
                       "space.",
        "responses": {"200": ok("The placements.", json_content(schema("Placements"))),
                      **errors(E401, E404, E500, E503L)},
    },
    "post": {
        "operationId": "placeEdition", "tags": ["assets"], "summary": "Show an edition in a space",
        "description": "Places an edition the caller holds on a free slot of the space's scene (the slots its "
                       "template's scene names). Only the space's owner, operators and admins.",
        "requestBody": body("PlacementCreate"),
        "responses": {
            "201": ok("Placed.", json_content(schema("PlacementCreated"))),
            **errors(E400, E401, ("403", "PlaceForbidden"), ("404", "PlaceNotFound"), ("409", "SlotTaken"), E413,
                     E415, ("422", "PlaceInvalid"), E500, E503L),
        },
    },
}
paths["/api/spaces/{id}/assets/{placement}"] = {
    "parameters": SPACE_ID_PARAM + [ref("parameters", "PlacementId")],
    "delete": {
        "operationId": "removePlacement", "tags": ["assets"], "summary": "Stop showing an edition",
        "description": "Removes the placement; the edition itself is untouched. Only the space's owner, operators "
                       "and admins.",
        "responses": {"204": ok("Removed."), **errors(E401, E403, ("404", "PlacementNotFound"), E500, E503)},
    },
}
paths["/api/creators"] = {"get": {
    "operationId": "listCreators", "tags": ["assets"], "summary": "Approved creators",
    "description": MANAGERS_ONLY,
    "responses": {"200": ok("The creators.", json_content(schema("Creators"))), **errors(E401, E403, E500, E503)},
}}
paths["/api/creators/{user}"] = {
    "parameters": [ref("parameters", "CreatorUser")],
    "put": {
        "operationId": "approveCreator", "tags": ["assets"], "summary": "Approve a creator",
        "description": "Lets the account register assets (when `assets.approved-creators-only`); approving again "
                       "changes nothing but who approved and when. Audited. No body. " + MANAGERS_ONLY,
        "responses": {"204": ok("Approved."), **errors(E401, E403, ("404", "AccountNotFound"), E500, E503)},
    },
    "delete": {
        "operationId": "revokeCreator", "tags": ["assets"], "summary": "Withdraw a creator's approval",
        "description": "Its assets stay registered. Audited. " + MANAGERS_ONLY,
        "responses": {"204": ok("Withdrawn."), **errors(E401, E403, ("404", "AccountNotFound"), E500, E503)},
    },
}
paths["/api/audit"] = {"get": {
    "operationId": "listAuditEvents", "tags": ["assets"], "summary": "The audit log",
    "description": "Refused asset operations and uploads, verification attempts and creator approvals, newest "
                   "first, with the account, the code and the message. " + MANAGERS_ONLY,
    "parameters": [
        {"name": "before", "in": "query", "required": False,
         "description": "Only events with a smaller `id`: pass the last `id` of a page to get the next. 0 or left "
                        "out: from the newest.",
         "schema": {"type": "integer", "format": "int64", "minimum": 0, "default": 0}},
        {"name": "limit", "in": "query", "required": False, "description": f"1 to {AUDIT_LIMIT_MAX}.",
         "schema": {"type": "integer", "minimum": 1, "maximum": AUDIT_LIMIT_MAX, "default": AUDIT_LIMIT_DEFAULT}},
    ],
    "responses": {"200": ok("The events.", json_content(schema("AuditEvents"))),
                  **errors(E400Q, E401, E403, E500, E503)},
}}

# --- agents (issue #7): http/AgentRoutes.java, agent/AgentService.java, pujiang-agent kb/KbJson.java,
# kb/KbCsv.java; guide in docs/agents.md --------------------------------------------------------------------------

AGENT_NAME_MAX = 64                    # AgentService.NAME_MAX
AGENT_QUESTION_MAX = 500               # AgentService.QUESTION_MAX
AGENT_LANGUAGES_MAX = 8                # AgentService.LANGUAGES_MAX
AGENT_PERSONA_MAX_BYTES = 32 * 1024    # AgentService.PERSONA_MAX_BYTES
AGENT_PERSONA_TEXT_MAX = 1000          # AgentService.PERSONA_TEXT_MAX
AGENTS_PER_SPACE_MAX = 16              # AgentService.AGENTS_PER_SPACE_MAX
KB_VERSIONS_KEPT = 50                  # AgentService.KB_VERSIONS_KEPT
KB_MAX_BYTES = 8 * 1024 * 1024         # agents.kb-max-bytes (default)
KB_MAX_QUESTIONS, KB_MAX_TEXT = 50, 4000  # KbJson
ASK_TIMEOUT = 30                       # AgentRoutes.ASK_TIMEOUT_SECONDS
AGENT_ID = "ag_0196a0f2aa107c3d8e4f5a6b7c8d9e0f"
HANDOFF_ID = "0196a0f3-1b2c-7d3e-8f4a-5b6c7d8e9f10"
LANG_TAG = {"type": "string", "maxLength": 16, "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$",
            "examples": ["zh-CN", "en"]}
BY_LANGUAGE = {"type": "object", "additionalProperties": {"type": "string"},
               "description": "Text by language tag.", "examples": [{"zh-CN": "您好！", "en": "Hello!"}]}
TEXT_OR_BY_LANGUAGE = {"oneOf": [{"type": "string"}, BY_LANGUAGE],
                       "description": "A string (in the agent's first language), or an object of strings by language."}

schemas["Persona"] = {
    "type": "object",
    "description": "Who the agent is and how it looks. The fields below are checked; any others (a `tour` of stops, "
                   f"a `home` position, …) are kept as they are for the agent's behaviours. At most "
                   f"{AGENT_PERSONA_MAX_BYTES} bytes as JSON.",
    "properties": {
        "name": {**TEXT_OR_BY_LANGUAGE, "description": f"Its name by language, 1 to {AGENT_NAME_MAX} code points each."},
        "greeting": {**TEXT_OR_BY_LANGUAGE,
                     "description": f"What it says to visitors who come close, 1 to {AGENT_PERSONA_TEXT_MAX} code "
                                    "points each."},
        "welcome": {**TEXT_OR_BY_LANGUAGE, "description": "Its welcome line, when the knowledge base has none."},
        "appearance": {"type": "object", "description": "How the client draws it (free-form, e.g. uniform colour)."},
        "tour": {"type": "array", "description": "Tour stops, for a guide (read by the agent's behaviours)."},
    },
    "additionalProperties": True,
    "examples": [{"name": {"zh-CN": "浦小政", "en": "Pu Xiaozheng"},
                  "greeting": {"zh-CN": "您好，请问要办理什么业务？", "en": "Hello, how can I help you?"},
                  "appearance": {"uniform": "#1f4e9a"}}],
}
LANGUAGES_SCHEMA = {"type": "array", "items": LANG_TAG, "minItems": 1, "maxItems": AGENT_LANGUAGES_MAX,
                    "uniqueItems": True,
                    "description": "The languages it speaks, the first the one it greets in. Default "
                                   "`[\"zh-CN\", \"en\"]`."}
AGENT_EXAMPLE = {
    "id": AGENT_ID, "spaceId": SPACE_ID, "name": "浦小政", "userId": AGENT_ID,
    "persona": {"name": {"zh-CN": "浦小政", "en": "Pu Xiaozheng"}, "appearance": {"uniform": "#1f4e9a"}},
    "languages": ["zh-CN", "en"], "kbVersion": 3, "kbEntries": 64, "createdBy": USER_ID,
    "createdAt": "2026-11-24T08:00:00Z", "updatedAt": "2026-11-24T09:30:00Z",
}
schemas["Agent"] = {
    "type": "object",
    "description": "A digital human: a server-driven avatar of one space.",
    "required": ["id", "spaceId", "name", "userId", "persona", "languages", "kbVersion", "kbEntries", "createdBy",
                 "createdAt", "updatedAt"],
    "properties": {
        "id": {"type": "string", "pattern": "^ag_[A-Za-z0-9_-]{1,61}$", "description": "`ag_` and 32 hex digits."},
        "spaceId": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "maxLength": AGENT_NAME_MAX},
        "userId": {"type": "string", "description": "Its avatar's user id inside the space (its id)."},
        "persona": schema("Persona"),
        "languages": LANGUAGES_SCHEMA,
        "kbVersion": {"type": "integer", "minimum": 0, "description": "The current knowledge-base version; 0 before "
                                                                      "the first import."},
        "kbEntries": {"type": "integer", "minimum": 0, "description": "Entries in that version."},
        "createdBy": {"type": "string", "format": "uuid"},
        "createdAt": {"type": "string", "format": "date-time"},
        "updatedAt": {"type": "string", "format": "date-time"},
    },
    "examples": [AGENT_EXAMPLE],
}
schemas["AgentCreate"] = {
    "type": "object",
    "required": ["spaceId", "name"],
    "properties": {
        "spaceId": {"type": "string", "format": "uuid", "description": "The space it belongs to; the caller must "
                                                                        "manage it."},
        "name": {"type": "string", "minLength": 1, "maxLength": AGENT_NAME_MAX,
                 "description": f"1 to {AGENT_NAME_MAX} code points. " + STRING_RULES},
        "persona": schema("Persona"),
        "languages": LANGUAGES_SCHEMA,
    },
    "examples": [{"spaceId": SPACE_ID, "name": "浦小政",
                  "persona": {"name": {"zh-CN": "浦小政", "en": "Pu Xiaozheng"}}, "languages": ["zh-CN", "en"]}],
}
schemas["AgentUpdate"] = {
    "type": "object",
    "description": "The fields to change; the rest stay. `spaceId` moves the agent to another space the caller "
                   "manages. `id`, `userId`, `kbVersion`, `kbEntries`, `createdBy`, `createdAt` and `updatedAt` "
                   "cannot be changed (422).",
    "properties": {
        "spaceId": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "minLength": 1, "maxLength": AGENT_NAME_MAX},
        "persona": {**schema("Persona"), "description": "Replaces the whole persona."},
        "languages": LANGUAGES_SCHEMA,
    },
    "examples": [{"name": "小政"}, {"languages": ["en", "zh-CN"]}],
}
schemas["AgentPage"] = {
    "type": "object",
    "description": "One page of agents, oldest first.",
    "required": ["items", "total", "page", "size"],
    "properties": {
        "items": {"type": "array", "items": schema("Agent")},
        "total": {"type": "integer", "format": "int64", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX},
    },
    "examples": [{"items": [AGENT_EXAMPLE], "total": 1, "page": 1, "size": 20}],
}
KB_ENTRY_EXAMPLE = {
    "id": "svc-hours", "questions": ["大厅几点开门？", "What are the opening hours of the service hall?"],
    "answer": {"zh-CN": "本大厅的自助服务区24小时开放。", "en": "The self-service area of this hall is open 24 hours a day."},
    "tags": ["hours"], "gesture": "explain",
}
schemas["KbEntry"] = {
    "type": "object",
    "required": ["id", "questions", "answer"],
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "description": "Unique in the knowledge base."},
        "questions": {"type": "array", "minItems": 1, "maxItems": KB_MAX_QUESTIONS,
                      "items": {"type": "string", "minLength": 1, "maxLength": KB_MAX_TEXT},
                      "description": "The ways visitors ask it, in any of the languages."},
        "answer": {"oneOf": [{"type": "string", "maxLength": KB_MAX_TEXT}, BY_LANGUAGE],
                   "description": "The answer: a string (Chinese, `zh-CN`), or an object by language."},
        "tags": {"type": "array", "items": {"type": "string"},
                 "description": "Free-form; `handoff` makes the answer hand off to staff too, and "
                                "`action:<name>` (`action:tour`, `action:tour-stop`) asks the agent to act."},
        "gesture": {"type": ["string", "null"], "description": "A gesture cue: greet, point, explain, nod, bow, "
                                                               "shrug, think."},
        "link": {"type": ["string", "null"], "description": "A link shown with the answer."},
    },
    "examples": [KB_ENTRY_EXAMPLE],
}
schemas["KnowledgeBase"] = {
    "type": "object",
    "description": "The object form of a knowledge base, as exported: entries, synonym groups (words visitors use "
                   "for the same thing), welcome lines and the hot questions shown as quick buttons (entry ids).",
    "required": ["entries"],
    "properties": {
        "entries": {"type": "array", "items": schema("KbEntry")},
        "synonyms": {"type": "array", "items": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
        "welcome": BY_LANGUAGE,
        "hotQuestions": {"type": "array", "items": {"type": "string"}},
    },
    "examples": [{"entries": [KB_ENTRY_EXAMPLE], "synonyms": [["身份证", "居民身份证", "ID card"]],
                  "welcome": {"zh-CN": "您好，欢迎来到政务服务大厅！", "en": "Welcome to the service hall!"},
                  "hotQuestions": ["svc-hours"]}],
}
schemas["KbVersion"] = {
    "type": "object",
    "required": ["version", "entries", "source", "createdBy", "createdAt"],
    "properties": {
        "version": {"type": "integer", "minimum": 1},
        "entries": {"type": "integer", "minimum": 0},
        "source": {"type": "string", "description": "How it came: `json`, `csv`, `rollback:<n>` or `demo`.",
                   "examples": ["json", "rollback:2"]},
        "createdBy": {"type": "string", "format": "uuid"},
        "createdAt": {"type": "string", "format": "date-time"},
        "current": {"type": "boolean", "description": "In the version list: whether it is the current one."},
    },
    "examples": [{"version": 3, "entries": 64, "source": "csv", "createdBy": USER_ID,
                  "createdAt": "2026-11-24T09:30:00Z"}],
}
schemas["KbVersions"] = {
    "type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": schema("KbVersion"),
                             "description": f"Newest first; the newest is current. The newest {KB_VERSIONS_KEPT} "
                                            "are kept."}},
}
schemas["KbRollback"] = {
    "type": "object", "required": ["version"],
    "properties": {"version": {"type": "integer", "minimum": 1, "description": "The version to make current again."}},
    "examples": [{"version": 2}],
}
schemas["AskRequest"] = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "maxLength": AGENT_QUESTION_MAX * 2,
                 "description": f"The question, 1 to {AGENT_QUESTION_MAX} code points after trimming (control "
                                "characters count as spaces). Missing or blank: 422 `agent:question.empty`."},
        "lang": {**LANG_TAG, "description": "The language to answer in (`zh`, `zh-TW` … are answered in `zh-CN`, "
                                            "`en-GB` … in `en`). Default: Chinese when the question has Han "
                                            "characters, else English."},
    },
    "examples": [{"text": "大厅几点开门？"}, {"text": "When does the hall open?", "lang": "en"}],
}
schemas["AskResult"] = {
    "type": "object",
    "required": ["answer", "entryId", "confidence", "handoff", "lang", "gesture", "link", "action", "version"],
    "properties": {
        "answer": {"type": "string", "description": "What the agent says: the entry's answer, or, when it is not "
                                                    "sure, that it is not sure and staff were told."},
        "entryId": {"type": ["string", "null"], "description": "The entry the answer cites; null when not sure."},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1,
                       "description": "How much of the question the best entry covers. Below "
                                      "`agents.confidence-threshold` the agent is not sure."},
        "handoff": {"type": "boolean", "description": "Staff should take over: not sure, or the entry asks for a "
                                                      "person (tag `handoff`). The question is then stored as a "
                                                      "handoff for the space's staff."},
        "lang": {"type": "string", "description": "The language of `answer` (for the speech voice)."},
        "gesture": {"type": ["string", "null"]},
        "link": {"type": ["string", "null"]},
        "action": {"type": ["string", "null"], "description": "`tour`, `tour-stop`, `handoff`, or null."},
        "version": {"type": "integer", "minimum": 0, "description": "The knowledge-base version that answered."},
        "handoffId": {"type": "string", "format": "uuid", "description": "With `handoff`: the stored handoff."},
    },
    "examples": [
        {"answer": "本大厅的自助服务区24小时开放。", "entryId": "svc-hours", "confidence": 0.857, "handoff": False,
         "lang": "zh-CN", "gesture": "explain", "link": None, "action": None, "version": 3},
        {"answer": "这个问题我还不太确定，已经请工作人员来帮您，请稍等。", "entryId": None, "confidence": 0.2,
         "handoff": True, "lang": "zh-CN", "gesture": "shrug", "link": None, "action": None, "version": 3,
         "handoffId": HANDOFF_ID}],
}
HANDOFF_EXAMPLE = {"id": HANDOFF_ID, "agentId": AGENT_ID, "spaceId": SPACE_ID, "userId": GUEST_ID,
                   "displayName": "游客", "question": "可以帮我开发票吗？", "createdAt": "2026-11-24T09:41:00Z",
                   "open": True, "resolvedAt": None, "resolvedBy": None}
schemas["Handoff"] = {
    "type": "object",
    "required": ["id", "agentId", "spaceId", "userId", "displayName", "question", "createdAt", "open", "resolvedAt",
                 "resolvedBy"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "agentId": {"type": "string"},
        "spaceId": {"type": "string", "format": "uuid"},
        "userId": {"type": "string", "description": "The asker's user id."},
        "displayName": {"type": "string"},
        "question": {"type": "string"},
        "createdAt": {"type": "string", "format": "date-time"},
        "open": {"type": "boolean"},
        "resolvedAt": {"type": ["string", "null"], "format": "date-time"},
        "resolvedBy": {"type": ["string", "null"], "format": "uuid"},
    },
    "examples": [HANDOFF_EXAMPLE],
}
schemas["HandoffPage"] = {
    "type": "object", "required": ["items", "total", "page", "size"],
    "description": "One page of handoffs, newest first.",
    "properties": {
        "items": {"type": "array", "items": schema("Handoff")},
        "total": {"type": "integer", "format": "int64", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX},
    },
}
schemas["SpaceAgents"] = {
    "type": "object", "required": ["items"],
    "description": "A space's agents as the client shows them: names and greetings by language, the welcome line "
                   "and hot questions (quick buttons), each question in every language the agent speaks.",
    "properties": {"items": {"type": "array", "items": {
        "type": "object",
        "required": ["id", "name", "userId", "languages", "persona", "welcome", "hotQuestions", "kbVersion"],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "userId": {"type": "string"},
            "languages": LANGUAGES_SCHEMA,
            "persona": {"type": "object", "required": ["name", "greeting", "appearance"],
                        "properties": {"name": BY_LANGUAGE, "greeting": BY_LANGUAGE, "appearance": {"type": "object"}}},
            "welcome": BY_LANGUAGE,
            "hotQuestions": {"type": "array", "items": {
                "type": "object", "required": ["entryId", "question"],
                "properties": {"entryId": {"type": "string"}, "question": BY_LANGUAGE}}},
            "kbVersion": {"type": "integer", "minimum": 0},
        }}}},
    "examples": [{"items": [{"id": AGENT_ID, "name": "浦小政", "userId": AGENT_ID, "languages": ["zh-CN", "en"],
                             "persona": {"name": {"zh-CN": "浦小政", "en": "Pu Xiaozheng"},
                                         "greeting": {"zh-CN": "您好！"}, "appearance": {}},
                             "welcome": {"zh-CN": "您好，欢迎来到政务服务大厅！", "en": "Welcome to the service hall!"},
                             "hotQuestions": [{"entryId": "svc-hours", "question": {
                                 "zh-CN": "大厅几点开门？", "en": "What are the opening hours of the service hall?"}}],
                             "kbVersion": 3}]}],
}

parameters["AgentId"] = {
    "name": "id", "in": "path", "required": True,
    "description": "The agent's id. Not an agent id, no such agent, or one of a space the caller may not see: 404 "
                   "`agent:not-found`.",
    "schema": {"type": "string"}, "example": AGENT_ID,
}
parameters["HandoffId"] = {
    "name": "handoff", "in": "path", "required": True,
    "description": "A handoff id; not a UUID or unknown: 404 `agent:handoff.not-found`.",
    "schema": {"type": "string", "format": "uuid"}, "example": HANDOFF_ID,
}

responses["AgentNotFound"] = error_response(
    "No such agent, or one of a space the caller may not see.", ["agent:not-found"],
    {"notFound": ("Unknown agent", err("agent:not-found", f"no agent {AGENT_ID} that you may see"))})
responses["AgentOrSpaceNotFound"] = error_response(
    "No such agent the caller may see, or (`spaceId`) no such space.", ["agent:not-found", "space:not-found"],
    {"agent": ("Unknown agent", err("agent:not-found", f"no agent {AGENT_ID} that you may see")),
     "space": ("Unknown space", err("space:not-found", f"no space {SPACE2_ID} that you may see"))})
responses["AgentSpaceFull"] = error_response(
    f"The space has {AGENTS_PER_SPACE_MAX} agents already.", ["agent:space.full"],
    {"full": ("Full", err("agent:space.full", f"the space has {AGENTS_PER_SPACE_MAX} agents already, the most one "
                                              "space may have"))})
responses["KbInvalid"] = error_response(
    "The file cannot be imported; `message` says where (a JSON pointer, or a CSV line) and why: not JSON or CSV, "
    "an entry missing a field, a duplicate id, an unknown column, no entries, not UTF-8 (or the named charset). A "
    "form upload without exactly one file in `file` is `request:field.missing`. Nothing is stored.",
    ["agent:kb.invalid", "request:field.missing"],
    {"duplicate": ("Duplicate id", err("agent:kb.invalid", "/12/id: the id 'svc-hours' is used twice")),
     "pointer": ("Missing questions", err("agent:kb.invalid", "/entries/3/questions: 1 to 50 phrasings, got 0")),
     "csvLine": ("CSV line", err("agent:kb.invalid", "line 7: the id 'svc-hours' is used twice (first on line 2)")),
     "column": ("Unknown column", err("agent:kb.invalid", "line 1: unknown column 'colour'; the columns are id, "
                                                          "questions, answer (or answer_zh, answer_en, …), tags, "
                                                          "gesture and link")),
     "encoding": ("Not UTF-8", err("agent:kb.invalid", "the file is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" "
                                                       "in Excel), or name its charset in the Content-Type, e.g. "
                                                       "text/csv; charset=GB18030"))})
responses["KbMediaType"] = error_response(
    "The body is neither JSON nor CSV nor a form upload, or names an unknown charset.",
    ["request:media-type.unsupported"],
    {"text": ("Plain text", err("request:media-type.unsupported", "send the knowledge base as application/json or "
                                                                  "text/csv (or a multipart/form-data upload), not "
                                                                  "text/plain"))})
responses["KbTooLarge"] = error_response(
    f"The file is larger than `agents.kb-max-bytes` ({KB_MAX_BYTES} bytes by default).", ["request:body.too-large"],
    {"tooLarge": ("Too large", err("request:body.too-large",
                                   f"the request body is larger than the limit of {KB_MAX_BYTES} bytes"))})
responses["KbVersionNotFound"] = error_response(
    "No such agent the caller may see, or it has no such knowledge-base version (or none yet).",
    ["agent:not-found", "agent:kb.version-not-found"],
    {"none": ("No knowledge base yet", err("agent:kb.version-not-found", f"agent {AGENT_ID} has no knowledge base "
                                                                         f"yet; import one with PUT /api/agents/"
                                                                         f"{AGENT_ID}/kb")),
     "version": ("Unknown version", err("agent:kb.version-not-found", f"agent {AGENT_ID} has no knowledge-base "
                                                                      "version 9; its current version is 3"))})
responses["QuestionInvalid"] = error_response(
    f"The question is empty or blank, longer than {AGENT_QUESTION_MAX} code points, or refused as an attempt to "
    "override the agent's instructions; or `text`/`lang` is not a string, or `lang` not a language tag.",
    ["agent:question.empty", "agent:question.too-long", "agent:question.refused", "request:field.invalid"],
    {"empty": ("Empty", err("agent:question.empty", "the question is empty", "text")),
     "long": ("Too long", err("agent:question.too-long", "the question has 1200 characters; at most 500 are "
                                                         "answered", "text")),
     "lang": ("Bad language", err("request:field.invalid", "lang must be a language tag such as zh-CN or en, got "
                                                           "'chinese please'", "lang"))})
responses["AgentOverloaded"] = error_response(
    "Agents are answering more questions than their threads and queue hold (`agents.retrieval-threads`, "
    f"`agents.retrieval-queue`), or the answer took more than {ASK_TIMEOUT} s (`agent:overloaded`, with "
    "`Retry-After`); or the database does not answer.",
    ["agent:overloaded", "server:db.unavailable"],
    {"busy": ("Busy", err("agent:overloaded", "agents are answering too many questions; try again in a moment"))},
    headers={"Retry-After": ref("headers", "Retry-After")})
responses["HandoffNotFound"] = error_response(
    "No such agent the caller may see, or it has no such handoff.", ["agent:not-found", "agent:handoff.not-found"],
    {"handoff": ("Unknown handoff", err("agent:handoff.not-found", f"agent {AGENT_ID} has no handoff {HANDOFF_ID}"))})

AGENT_ID_PARAM = [ref("parameters", "AgentId")]
AGENT_MANAGERS = "Only the space's owner, operators and admins (others who may see the space get 403)."
E404A = ("404", "AgentNotFound")

paths["/api/agents"] = {
    "post": {
        "operationId": "createAgent", "tags": ["agents"], "summary": "Create an agent",
        "description": f"Attaches a new agent to a space; at most {AGENTS_PER_SPACE_MAX} per space. It answers "
                       "from an empty knowledge base (handing every question off) until one is imported. "
                       + AGENT_MANAGERS,
        "requestBody": body("AgentCreate"),
        "responses": {
            "201": ok("The agent.", json_content(schema("Agent"))),
            **errors(E400, E401, E403, E404, ("409", "AgentSpaceFull"), E413, E415, E422, E500, E503),
        },
    },
    "get": {
        "operationId": "listAgents", "tags": ["agents"], "summary": "List agents",
        "description": "With `spaceId`: that space's agents, for anyone who may see it. Without: the agents of the "
                       "caller's own spaces (every agent for operators and admins). Oldest first.",
        "parameters": [
            {"name": "spaceId", "in": "query", "required": False, "schema": {"type": "string", "format": "uuid"},
             "description": "Only this space's agents; not a space the caller may see: 404 `space:not-found`."},
            ref("parameters", "Page"), ref("parameters", "Size")],
        "responses": {"200": ok("A page of agents.", json_content(schema("AgentPage"))),
                      **errors(E400Q, E401, E404, E500, E503)},
    },
}
paths["/api/agents/{id}"] = {
    "parameters": AGENT_ID_PARAM,
    "get": {
        "operationId": "getAgent", "tags": ["agents"], "summary": "An agent",
        "description": "Anyone who may see its space.",
        "responses": {"200": ok("The agent.", json_content(schema("Agent"))), **errors(E401, E404A, E500, E503)},
    },
    "patch": {
        "operationId": "updateAgent", "tags": ["agents"], "summary": "Change an agent",
        "description": "Changes its name, persona, languages or space (moving it needs the right to manage both "
                       "spaces). " + AGENT_MANAGERS,
        "requestBody": body("AgentUpdate"),
        "responses": {"200": ok("The agent as changed.", json_content(schema("Agent"))),
                      **errors(E400, E401, E403, ("404", "AgentOrSpaceNotFound"), ("409", "AgentSpaceFull"), E413,
                               E415, E422, E500, E503)},
    },
    "delete": {
        "operationId": "deleteAgent", "tags": ["agents"], "summary": "Delete an agent",
        "description": "With its knowledge-base versions and handoffs; it leaves its space. " + AGENT_MANAGERS,
        "responses": {"204": ok("Deleted."), **errors(E401, E403, E404A, E500, E503)},
    },
}
CSV_EXAMPLE = ("id,questions,answer_zh,answer_en,tags,gesture,link\r\n"
               "svc-hours,大厅几点开门？|What are the opening hours?,本大厅的自助服务区24小时开放。,"
               "The self-service area is open 24 hours.,hours,explain,\r\n")
paths["/api/agents/{id}/kb"] = {
    "parameters": AGENT_ID_PARAM,
    "put": {
        "operationId": "importKnowledgeBase", "tags": ["agents"], "summary": "Replace the knowledge base",
        "description": "Stores the file as the agent's new knowledge-base version, which answers from then on. JSON: "
                       "an array of entries, or the object form with synonyms, welcome lines and hot questions. "
                       "CSV (RFC 4180, UTF-8; a byte-order mark is fine; another charset when the Content-Type names "
                       "it): a header line naming the columns `id`, `questions`, `answer` (or `answer_zh`, "
                       "`answer_en`, … one per language), and optionally `tags`, `gesture`, `link`; questions and "
                       "tags are separated by `|`. A CSV carries entries only: the current version's synonyms, "
                       "welcome lines and hot questions (still present) are kept. Or a multipart/form-data upload "
                       "with the file in `file` (CSV when its name ends `.csv`). Every problem is answered 422 with "
                       f"its place; nothing is half-imported. Up to `agents.kb-max-bytes` ({KB_MAX_BYTES} bytes by "
                       f"default); the newest {KB_VERSIONS_KEPT} versions are kept. " + AGENT_MANAGERS,
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"oneOf": [{"type": "array", "items": schema("KbEntry")},
                                                      schema("KnowledgeBase")]}},
            "text/csv": {"schema": {"type": "string"}, "example": CSV_EXAMPLE},
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "contentMediaType": "application/octet-stream",
                         "description": "The JSON or CSV file."}}}},
        }},
        "responses": {
            "200": ok("The new version, now current.", json_content(schema("KbVersion"))),
            **errors(E401, E403, E404A, ("413", "KbTooLarge"), ("415", "KbMediaType"), ("422", "KbInvalid"), E500,
                     E503),
        },
    },
    "get": {
        "operationId": "exportKnowledgeBase", "tags": ["agents"], "summary": "Export the knowledge base",
        "description": "The current version, or `version`, as canonical JSON (the object form) or as CSV (UTF-8 "
                       "with a byte-order mark, so that spreadsheets read Chinese; entries only). Either imports "
                       "back unchanged. " + AGENT_MANAGERS,
        "parameters": [
            {"name": "version", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1},
             "description": "A stored version; default the current one."},
            {"name": "format", "in": "query", "required": False, "schema": {"enum": ["json", "csv"], "default": "json"}}],
        "responses": {
            "200": ok("The knowledge base.", {
                "application/json; charset=utf-8": {"schema": schema("KnowledgeBase")},
                "text/csv; charset=utf-8": {"schema": {"type": "string"}, "example": "\ufeff" + CSV_EXAMPLE}}),
            **errors(E400Q, E401, E403, ("404", "KbVersionNotFound"), E500, E503),
        },
    },
}
paths["/api/agents/{id}/kb/versions"] = {
    "parameters": AGENT_ID_PARAM,
    "get": {
        "operationId": "listKnowledgeBaseVersions", "tags": ["agents"], "summary": "Knowledge-base versions",
        "description": "Newest first; the newest is current. " + AGENT_MANAGERS,
        "responses": {"200": ok("The versions.", json_content(schema("KbVersions"))),
                      **errors(E401, E403, E404A, E500, E503)},
    },
}
paths["/api/agents/{id}/kb/rollback"] = {
    "parameters": AGENT_ID_PARAM,
    "post": {
        "operationId": "rollBackKnowledgeBase", "tags": ["agents"], "summary": "Roll the knowledge base back",
        "description": "Stores an old version again as a new version (source `rollback:<n>`), which answers from "
                       "then on. " + AGENT_MANAGERS,
        "requestBody": body("KbRollback"),
        "responses": {"200": ok("The new version, now current.", json_content(schema("KbVersion"))),
                      **errors(E400, E401, E403, ("404", "KbVersionNotFound"), E413, E415, E422, E500, E503)},
    },
}
paths["/api/agents/{id}/ask"] = {
    "parameters": AGENT_ID_PARAM,
    "post": {
        "operationId": "askAgent", "tags": ["agents"], "summary": "Ask an agent",
        "description": "Answers from the agent's current knowledge base, citing the entry. Below "
                       "`agents.confidence-threshold` the agent says it is not sure, `entryId` is null and "
                       "`handoff` true; a handoff is stored for the space's staff (`handoffId`). Kiosks, chat "
                       "bridges and tests use this; visitors in a space reach the same logic through chat. Anyone "
                       "who may see the agent's space, guests included.",
        "requestBody": body("AskRequest"),
        "responses": {
            "200": ok("The answer.", json_content(schema("AskResult"))),
            **errors(E400, E401, E404A, E413, E415, ("422", "QuestionInvalid"), E500, ("503", "AgentOverloaded")),
        },
    },
}
paths["/api/agents/{id}/handoffs"] = {
    "parameters": AGENT_ID_PARAM,
    "get": {
        "operationId": "listHandoffs", "tags": ["agents"], "summary": "Questions handed off to staff",
        "description": "Newest first. " + AGENT_MANAGERS,
        "parameters": [
            {"name": "open", "in": "query", "required": False, "schema": {"type": "boolean", "default": False},
             "description": "`true`: only those not resolved yet."},
            ref("parameters", "Page"), ref("parameters", "Size")],
        "responses": {"200": ok("A page of handoffs.", json_content(schema("HandoffPage"))),
                      **errors(E400Q, E401, E403, E404A, E500, E503)},
    },
}
paths["/api/agents/{id}/handoffs/{handoff}/resolve"] = {
    "parameters": AGENT_ID_PARAM + [ref("parameters", "HandoffId")],
    "post": {
        "operationId": "resolveHandoff", "tags": ["agents"], "summary": "Resolve a handoff",
        "description": "Marks it resolved by the caller; resolving it again changes nothing. No body. "
                       + AGENT_MANAGERS,
        "responses": {"200": ok("The handoff.", json_content(schema("Handoff"))),
                      **errors(E401, E403, ("404", "HandoffNotFound"), E500, E503)},
    },
}
paths["/api/spaces/{id}/agents"] = {
    "parameters": SPACE_ID_PARAM,
    "get": {
        "operationId": "listSpaceAgents", "tags": ["agents", "spaces"], "summary": "A space's agents, for the client",
        "description": "Each agent's names and greeting by language, appearance, welcome line and hot questions "
                       "(the client's quick buttons). Anyone who may see the space.",
        "responses": {"200": ok("The agents.", json_content(schema("SpaceAgents"))), **errors(E401, E404, E500, E503)},
    },
}

# --- checks ----------------------------------------------------------------------------------------

EXPECTED_OPERATIONS = {
    ("GET", "/"), ("HEAD", "/"), ("GET", "/metrics"), ("GET", "/api/health"), ("GET", "/api/openapi.json"),
    ("POST", "/api/auth/register"), ("POST", "/api/auth/login"), ("POST", "/api/auth/guest"),
    ("POST", "/api/auth/logout"), ("GET", "/api/me"), ("POST", "/api/spaces"), ("GET", "/api/spaces"),
    ("GET", "/api/spaces/{id}"), ("PATCH", "/api/spaces/{id}"), ("DELETE", "/api/spaces/{id}"),
    ("GET", "/api/spaces/{id}/scene"), ("POST", "/api/models"), ("GET", "/api/models"),
    ("GET", "/api/models/{id}"), ("DELETE", "/api/models/{id}"),
    ("POST", "/api/rules"), ("GET", "/api/rules"), ("GET", "/api/rules/{id}"), ("DELETE", "/api/rules/{id}"),
    ("GET", "/api/alerts"), ("GET", "/api/alerts/{id}"), ("POST", "/api/alerts/{id}/acknowledge"),
    ("POST", "/api/alerts/{id}/resolve"), ("POST", "/api/webhooks"), ("GET", "/api/webhooks"),
    ("DELETE", "/api/webhooks/{id}"),
}
PUBLIC_OPERATIONS = {
    ("POST", "/api/auth/register"), ("POST", "/api/auth/login"), ("POST", "/api/auth/guest"),
    ("GET", "/api/health"), ("GET", "/api/openapi.json"), ("GET", "/metrics"), ("GET", "/"), ("HEAD", "/"),
}
# http/TwinRoutes.java
EXPECTED_OPERATIONS |= {
    ("PATCH", "/api/models/{id}"), ("POST", "/api/twins"), ("GET", "/api/twins"), ("GET", "/api/twins/{id}"),
    ("PATCH", "/api/twins/{id}"), ("DELETE", "/api/twins/{id}"), ("POST", "/api/twins/{id}/credentials"),
    ("DELETE", "/api/twins/{id}/credentials"), ("POST", "/api/twins/{id}/telemetry"),
    ("POST", "/api/twins/{id}/attributes"), ("POST", "/api/twins/{id}/update"), ("PATCH", "/api/twins/{id}/desired"),
    ("POST", "/api/twins/{id}/actions/{action}"), ("GET", "/api/twins/{id}/history"),
    ("POST", "/api/twins/{id}/links"), ("DELETE", "/api/twins/{id}/links/{name}/{target}"),
    ("GET", "/api/spaces/{id}/bindings"), ("POST", "/api/spaces/{id}/bindings"),
    ("DELETE", "/api/spaces/{id}/bindings/{binding}"),
}
# http/ScenarioRoutes.java
EXPECTED_OPERATIONS |= {
    ("POST", "/api/spaces/{id}/replay"), ("GET", "/api/spaces/{id}/replay"), ("DELETE", "/api/spaces/{id}/replay"),
    ("POST", "/api/twins/{id}/what-if"),
}
# http/LedgerRoutes.java (public: anyone may audit the log) and http/AssetRoutes.java
LEDGER_OPERATIONS = {
    ("GET", "/api/log/checkpoint"), ("GET", "/api/log/checkpoints/latest"), ("GET", "/api/log/key"),
    ("GET", "/api/log/entries"), ("GET", "/api/log/proof/inclusion"), ("GET", "/api/log/proof/consistency"),
    ("POST", "/api/log/cosignatures"),
}
EXPECTED_OPERATIONS |= LEDGER_OPERATIONS | {
    ("POST", "/api/me/verification"), ("GET", "/api/me/verification"), ("GET", "/api/me/assets"),
    ("POST", "/api/assets"), ("GET", "/api/assets/{id}"), ("GET", "/api/assets/{id}/file"),
    ("POST", "/api/assets/{id}/mint"), ("POST", "/api/assets/{id}/transfer"), ("POST", "/api/assets/{id}/burn"),
    ("GET", "/api/assets/{id}/provenance"), ("GET", "/api/assets/{id}/proof"), ("GET", "/api/spaces/{id}/assets"),
    ("POST", "/api/spaces/{id}/assets"), ("DELETE", "/api/spaces/{id}/assets/{placement}"), ("GET", "/api/creators"),
    ("PUT", "/api/creators/{user}"), ("DELETE", "/api/creators/{user}"), ("GET", "/api/audit"),
}
PUBLIC_OPERATIONS |= LEDGER_OPERATIONS
# http/AgentRoutes.java
EXPECTED_OPERATIONS |= {
    ("POST", "/api/agents"), ("GET", "/api/agents"), ("GET", "/api/agents/{id}"), ("PATCH", "/api/agents/{id}"),
    ("DELETE", "/api/agents/{id}"), ("PUT", "/api/agents/{id}/kb"), ("GET", "/api/agents/{id}/kb"),
    ("GET", "/api/agents/{id}/kb/versions"), ("POST", "/api/agents/{id}/kb/rollback"),
    ("POST", "/api/agents/{id}/ask"), ("GET", "/api/agents/{id}/handoffs"),
    ("POST", "/api/agents/{id}/handoffs/{handoff}/resolve"), ("GET", "/api/spaces/{id}/agents"),
}
# Routes with needsSession=false that are not public: a device token or a session token (OpenApiDocumentTest
# checks both sets against the router).
DEVICE_OPERATIONS = {
    ("POST", "/api/twins/{id}/telemetry"), ("POST", "/api/twins/{id}/attributes"), ("POST", "/api/twins/{id}/update"),
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def check(d):
    problems = []

    def walk(node, where):
        if isinstance(node, dict):
            r = node.get("$ref")
            if isinstance(r, str):
                target = d
                try:
                    assert r.startswith("#/")
                    for part in r[2:].split("/"):
                        target = target[part.replace("~1", "/").replace("~0", "~")]
                except (KeyError, AssertionError, TypeError):
                    problems.append(f"{where}: $ref {r} does not resolve")
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")

    walk(d, "#")
    ops = set()
    op_ids = set()
    for path, item in d["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            ops.add((method.upper(), path))
            if op["operationId"] in op_ids:
                problems.append(f"duplicate operationId {op['operationId']}")
            op_ids.add(op["operationId"])
            public = op.get("security") == []
            if public != ((method.upper(), path) in PUBLIC_OPERATIONS):
                problems.append(f"{method.upper()} {path}: security is wrong")
            device = any("deviceToken" in alt for alt in op.get("security", []))
            if device != ((method.upper(), path) in DEVICE_OPERATIONS):
                problems.append(f"{method.upper()} {path}: deviceToken security is wrong")
            for status, r in op["responses"].items():
                if not (status.isdigit() and len(status) == 3):
                    problems.append(f"{method.upper()} {path}: odd status {status}")
    if ops != EXPECTED_OPERATIONS:
        problems.append(f"operations differ: extra {ops - EXPECTED_OPERATIONS}, missing {EXPECTED_OPERATIONS - ops}")
    # Every code in each narrowed error response must carry that response's status.
    status_of = dict(ERROR_CODES)
    for path, item in d["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            for status, r in op["responses"].items():
                if "$ref" in r:
                    target = d["components"]["responses"][r["$ref"].split("/")[-1]]
                    codes = target["content"]["application/json"]["schema"]["allOf"][1]["properties"]["error"]["enum"]
                    for c in codes:
                        if str(status_of[c]) != status:
                            problems.append(f"{method.upper()} {path} {status}: code {c} has status {status_of[c]}")
    return problems


def main():
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    problems = check(json.loads(text))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    try:
        from openapi_spec_validator import validate
    except ImportError:
        validate = None
    if validate is not None:
        validate(json.loads(text))
    if "--check" in sys.argv:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date; run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(text.encode())} bytes); "
          f"{'validated' if validate else 'refs checked (openapi-spec-validator not installed)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

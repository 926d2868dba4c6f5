-- Runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.
-- Text limits are generous in the schema; the API enforces the product limits (in code points).

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      VARCHAR(128) NOT NULL,
    -- NFKC-normalised, lower-cased username: uniqueness ignores case and width.
    username_key  VARCHAR(128) NOT NULL,
    display_name  VARCHAR(256) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    -- PHC-format Argon2id hash; NULL for guests, who have no password.
    password_hash VARCHAR(256),
    disabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_role_ck CHECK (role IN ('admin', 'operator', 'member', 'guest'))
);
CREATE UNIQUE INDEX users_username_key_uq ON users (username_key);
CREATE INDEX users_role_idx ON users (role);

CREATE TABLE sessions (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    remote_addr VARCHAR(64),
    user_agent  VARCHAR(256)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Server-wide secrets shared by every node of a cluster, e.g. the session-token signing key.
CREATE TABLE server_keys (
    name       VARCHAR(64) PRIMARY KEY,
    key_value  VARCHAR(1024) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE spaces (
    id          UUID PRIMARY KEY,
    name        VARCHAR(512) NOT NULL,
    -- lower-cased name for case-insensitive search; CJK text is unchanged by lower-casing.
    name_key    VARCHAR(512) NOT NULL,
    description VARCHAR(8192) NOT NULL,
    owner_id    UUID NOT NULL REFERENCES users (id),
    template    VARCHAR(32) NOT NULL,
    visibility  VARCHAR(16) NOT NULL,
    capacity    INTEGER NOT NULL,
    min_x       DOUBLE PRECISION NOT NULL,
    min_y       DOUBLE PRECISION NOT NULL,
    min_z       DOUBLE PRECISION NOT NULL,
    max_x       DOUBLE PRECISION NOT NULL,
    max_y       DOUBLE PRECISION NOT NULL,
    max_z       DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL,
    CONSTRAINT spaces_visibility_ck CHECK (visibility IN ('public', 'unlisted', 'private')),
    CONSTRAINT spaces_capacity_ck CHECK (capacity > 0)
);
CREATE INDEX spaces_owner_idx ON spaces (owner_id);
CREATE INDEX spaces_visibility_created_idx ON spaces (visibility, created_at, id);
CREATE INDEX spaces_created_idx ON spaces (created_at, id);

CREATE TABLE space_members (
    space_id UUID NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id  UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (space_id, user_id)
);
CREATE INDEX space_members_user_idx ON space_members (user_id);

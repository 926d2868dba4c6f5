-- Digital twins (issue #5): twins, their links, device credentials and the space objects bound to them.
-- Runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.
--
-- state is the twin's live state as TwinState.toJson writes it (reported and desired values with their
-- metadata), saved in batches by the twin partitions a moment after it changes; state_version is its version,
-- so a save never replaces newer state with older. The partitions hold the authoritative copy while running.
CREATE TABLE twins (
    id            VARCHAR(256) PRIMARY KEY,
    model_id      VARCHAR(256) NOT NULL REFERENCES twin_models (id),
    name          VARCHAR(512) NOT NULL,
    attributes    TEXT NOT NULL,
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    space_id      UUID REFERENCES spaces (id) ON DELETE SET NULL,
    x             DOUBLE PRECISION,
    y             DOUBLE PRECISION,
    z             DOUBLE PRECISION,
    -- who may read, write (desired state, attributes) and command: {"read": [...], "write": [...], "command": [...]}
    acl           TEXT NOT NULL,
    owner_id      UUID NOT NULL REFERENCES users (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    state         TEXT,
    state_version BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT twins_lat_ck CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
    CONSTRAINT twins_lon_ck CHECK (lon IS NULL OR (lon BETWEEN -180 AND 180))
);
CREATE INDEX twins_model_idx ON twins (model_id);
CREATE INDEX twins_owner_idx ON twins (owner_id);
CREATE INDEX twins_space_idx ON twins (space_id);

-- A directed, named edge of the twin graph: site -contains-> building -contains-> floor.
CREATE TABLE twin_links (
    source_id VARCHAR(256) NOT NULL REFERENCES twins (id) ON DELETE CASCADE,
    name      VARCHAR(128) NOT NULL,
    target_id VARCHAR(256) NOT NULL REFERENCES twins (id) ON DELETE CASCADE,
    CONSTRAINT twin_links_pk PRIMARY KEY (source_id, name, target_id)
);
CREATE INDEX twin_links_target_idx ON twin_links (target_id);

-- Device credentials: the SHA-256 of each token, never the token itself.
CREATE TABLE twin_credentials (
    token_hash VARCHAR(64) PRIMARY KEY,
    twin_id    VARCHAR(256) NOT NULL REFERENCES twins (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by UUID NOT NULL REFERENCES users (id),
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX twin_credentials_twin_idx ON twin_credentials (twin_id);

-- A space object shown through a twin's property: object names a scene object or "shared:<objectId>".
CREATE TABLE twin_bindings (
    id         UUID PRIMARY KEY,
    space_id   UUID NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    object     VARCHAR(256) NOT NULL,
    twin_id    VARCHAR(256) NOT NULL REFERENCES twins (id) ON DELETE CASCADE,
    property   VARCHAR(256) NOT NULL,
    visual     TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX twin_bindings_space_idx ON twin_bindings (space_id);
CREATE INDEX twin_bindings_twin_idx ON twin_bindings (twin_id);

-- History retention per model, in days; NULL keeps the server default (history.retention).
ALTER TABLE twin_models ADD COLUMN retention_days INTEGER;

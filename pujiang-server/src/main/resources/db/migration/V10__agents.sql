-- Digital humans (issue #7): agents attached to spaces, their versioned knowledge bases, and the questions they
-- handed off to staff. One script for PostgreSQL 15+ and H2 2.x in MODE=PostgreSQL.

-- An agent: a server-driven avatar of one space. persona is a JSON object (name, greeting and welcome by language,
-- appearance, tour, ...); languages are comma-separated language tags, the first the one it greets in.
-- kb_version is the current knowledge-base version, 0 before the first import. Deleting the space deletes its
-- agents, their knowledge bases and handoffs.
CREATE TABLE agents (
    id         VARCHAR(64) PRIMARY KEY,
    space_id   UUID NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    name       VARCHAR(256) NOT NULL,
    persona    TEXT NOT NULL,
    languages  VARCHAR(256) NOT NULL,
    kb_version INTEGER NOT NULL DEFAULT 0,
    created_by UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT agents_kb_version_ck CHECK (kb_version >= 0)
);
CREATE INDEX agents_space_idx ON agents (space_id, created_at, id);

-- Every imported knowledge base, numbered from 1 per agent, as canonical JSON (KbJson.write). A rollback stores an
-- old version again under a new number, so the current version is always the newest. source says how it came:
-- json, csv, rollback:<n>, demo.
CREATE TABLE agent_kb_versions (
    agent_id   VARCHAR(64) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    entries    INTEGER NOT NULL,
    source     VARCHAR(32) NOT NULL,
    body       TEXT NOT NULL,
    created_by UUID NOT NULL REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agent_id, version),
    CONSTRAINT agent_kb_versions_version_ck CHECK (version >= 1)
);

-- Questions an agent was not sure of (or that asked for a person), for staff to follow up. user_id is the asker's
-- account id as the space knows it (no foreign key: guest accounts expire). Staff set resolved_at and resolved_by
-- together.
CREATE TABLE agent_handoffs (
    id           UUID PRIMARY KEY,
    agent_id     VARCHAR(64) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    space_id     UUID NOT NULL,
    user_id      VARCHAR(64) NOT NULL,
    display_name VARCHAR(256) NOT NULL,
    question     VARCHAR(2048) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE,
    resolved_by  UUID REFERENCES users (id)
);
CREATE INDEX agent_handoffs_agent_idx ON agent_handoffs (agent_id, created_at);

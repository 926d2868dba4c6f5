-- Twin models (issue #5): the kinds of digital twin, each a W3C WoT Thing Model. Runs unchanged on
-- PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.
--
-- document is the model as ThingModels.write gives it (the canonical form), whatever it was submitted as;
-- source_format says which: 'tm' (a Thing Model) or 'dtdl' (a DTDL v3 interface, imported). version is the
-- model's own version (TM version.model, or the ;N of a DTMI), a free string such as '2.1.0', NULL when the
-- model has none.
CREATE TABLE twin_models (
    id            VARCHAR(256) PRIMARY KEY,
    version       VARCHAR(64),
    title         VARCHAR(512),
    source_format VARCHAR(8) NOT NULL,
    document      TEXT NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    UUID NOT NULL REFERENCES users (id),
    CONSTRAINT twin_models_source_format_ck CHECK (source_format IN ('tm', 'dtdl'))
);
CREATE INDEX twin_models_created_idx ON twin_models (created_at, id);
CREATE INDEX twin_models_created_by_idx ON twin_models (created_by);

-- Telemetry history of digital twins: one row per value, keyed by twin, property and time.
-- One script for PostgreSQL 15+ and H2 2.x in MODE=PostgreSQL. Two clauses differ by database and
-- are Flyway placeholders that Database.open fills (JdbcHistoryRepository.migrationPlaceholders):
-- on PostgreSQL the table is range-partitioned by ts (monthly partitions, created ahead by the
-- writer on demand; see docs/history.md) and ts gets a BRIN index; on H2 the table is plain and ts
-- gets a b-tree, which serves retention deletes across all twins.
--
-- ts is UTC with millisecond precision (the application truncates). Numeric values (booleans as
-- 1/0) go in num_value, which is what downsampling reads; text values go in text_value. Exactly one
-- of the two is set. A second value for the same (twin, property, ts) is ignored: the first wins.
CREATE TABLE telemetry (
    twin_id    VARCHAR(256) NOT NULL,
    property   VARCHAR(256) NOT NULL,
    ts         TIMESTAMP WITH TIME ZONE NOT NULL,
    num_value  DOUBLE PRECISION,
    text_value VARCHAR(4096),
    CONSTRAINT telemetry_pk PRIMARY KEY (twin_id, property, ts),
    CONSTRAINT telemetry_one_value_ck CHECK ((num_value IS NULL) <> (text_value IS NULL))
) ${telemetry_partitioning};
CREATE INDEX telemetry_ts_idx ON telemetry ${telemetry_ts_index_method} (ts);

-- Minute rollups of numeric telemetry (issue #5: queries over a million points stay fast). One row per
-- twin, property and UTC minute (minute_start; MINUTE is a reserved word in H2): min, max, sum and count of the numeric values stored in that minute.
-- On PostgreSQL the history writer keeps it up to date in the same statement that inserts the raw rows
-- (only rows actually inserted count, so a value sent twice is counted once), and history queries whose
-- buckets are whole minutes read it instead of the raw rows. On H2 the table exists but stays empty:
-- queries there read the raw rows. Same script for both databases.
CREATE TABLE telemetry_rollup (
    twin_id  VARCHAR(256) NOT NULL,
    property VARCHAR(256) NOT NULL,
    minute_start TIMESTAMP WITH TIME ZONE NOT NULL,
    min_v    DOUBLE PRECISION NOT NULL,
    max_v    DOUBLE PRECISION NOT NULL,
    sum_v    DOUBLE PRECISION NOT NULL,
    n        BIGINT NOT NULL,
    CONSTRAINT telemetry_rollup_pk PRIMARY KEY (twin_id, property, minute_start)
);
CREATE INDEX telemetry_rollup_minute_idx ON telemetry_rollup (minute_start);
-- History written before this version, rolled up once (on H2 too, harmlessly).
INSERT INTO telemetry_rollup (twin_id, property, minute_start, min_v, max_v, sum_v, n)
SELECT twin_id, property, DATE_TRUNC('minute', ts), MIN(num_value), MAX(num_value), SUM(num_value), COUNT(num_value)
FROM telemetry WHERE num_value IS NOT NULL
GROUP BY twin_id, property, DATE_TRUNC('minute', ts);

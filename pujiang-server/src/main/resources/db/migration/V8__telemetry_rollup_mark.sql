-- Minute rollups are made once a minute has closed (issue #5), no longer per value: the history writer
-- rolls up the raw rows of minutes before mark_ms (epoch milliseconds, a minute boundary) every few
-- seconds and moves the mark; values that arrive for minutes before the mark get their minutes rolled up
-- again at once. Rollups are complete for every minute before the mark; queries read raw rows after it.
-- V7 rolled up everything stored before it, and rows stored since were rolled up as they came, so the
-- mark starts at the current minute.
CREATE TABLE telemetry_rollup_mark (
    id      INTEGER PRIMARY KEY,
    mark_ms BIGINT NOT NULL,
    CONSTRAINT telemetry_rollup_mark_one_ck CHECK (id = 1)
);
INSERT INTO telemetry_rollup_mark (id, mark_ms)
VALUES (1, CAST(EXTRACT(EPOCH FROM DATE_TRUNC('minute', CURRENT_TIMESTAMP)) * 1000 AS BIGINT));

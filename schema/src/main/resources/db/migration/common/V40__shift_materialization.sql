-- Shift materialization bookkeeping (regional-worker, dev.oncall.worker.shift).
--
-- One row per schedule: which configuration version its future shifts were computed from, for
-- which window, and the lease of the worker doing it right now. A worker claims a schedule with
-- a conditional upsert (lease free or expired, and work still needed); exactly one worker does
-- a given schedule's job at a time, with no advisory lock and nothing in Redis.
CREATE TABLE schedule_materializations (
    schedule_id       UUID PRIMARY KEY REFERENCES schedules (id) ON DELETE CASCADE,
    -- 0 until the first materialization; compared with schedules.config_version.
    config_version    BIGINT NOT NULL DEFAULT 0,
    -- Shifts from here on were computed from config_version; before it they are history.
    materialized_from TIMESTAMPTZ,
    -- Shifts are complete up to here.
    horizon_end       TIMESTAMPTZ,
    materialized_at   TIMESTAMPTZ,
    -- How many times the shifts were materialized: exactly-once is testable.
    runs              BIGINT NOT NULL DEFAULT 0,
    lease_owner       VARCHAR(128),
    lease_until       TIMESTAMPTZ
);
CREATE INDEX schedule_materializations_due_idx ON schedule_materializations (materialized_at);

-- With several users per shift the on-call list has an order (rule 3 of docs/schedules.md);
-- the layer name says which layer a turn belongs to. Both come from core's Shift.
ALTER TABLE shifts ADD COLUMN position INT NOT NULL DEFAULT 0;
ALTER TABLE shifts ADD COLUMN layer_name VARCHAR(100);

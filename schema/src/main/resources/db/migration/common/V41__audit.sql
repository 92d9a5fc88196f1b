-- The auditor's memory (audit-auditor). It runs as a CronJob every minute and keeps nothing
-- in process, so what it must remember between runs lives here.

-- A mismatch episode: from the first run that sees a finding until the first run that no
-- longer does. One page per episode (a trigger, and a resolve at its end), whatever the
-- number of runs in between and whichever region's auditor sees it: the open episode of a
-- dedup key is unique, and paging is claimed by a conditional update of paged_at.
CREATE TABLE audit_episodes (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stable per finding (kind, subject and, for regional state, region): the Events API
    -- dedup_key, so the page and its resolve name the same alert.
    dedup_key     VARCHAR(255) NOT NULL,
    kind          VARCHAR(32) NOT NULL,
    region        VARCHAR(64) NOT NULL,
    schedule_id   UUID,
    summary       VARCHAR(1024) NOT NULL,
    details       JSONB NOT NULL DEFAULT '{}',
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    -- Set when a page was sent (claimed just before sending; cleared again if every channel failed).
    paged_at      TIMESTAMPTZ,
    paged_via     VARCHAR(16),
    resolved_at   TIMESTAMPTZ,
    -- Set when the resolve event of a paged episode was sent (claimed and cleared the same way).
    resolve_sent_at TIMESTAMPTZ,
    CONSTRAINT audit_episodes_kind_check CHECK (kind IN
        ('cache_mismatch', 'shifts_mismatch', 'shifts_stale', 'region_silent', 'timers_overdue'))
);
CREATE UNIQUE INDEX audit_episodes_open_key ON audit_episodes (dedup_key) WHERE resolved_at IS NULL;
CREATE INDEX audit_episodes_time_idx ON audit_episodes (first_seen_at);

-- The latest run of each region's auditor: a CronJob is not scraped, so graph-api reads this
-- to export oncall_audit_last_run_* (docs/auditing.md).
CREATE TABLE audit_runs (
    region            VARCHAR(64) PRIMARY KEY,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ NOT NULL,
    schedules_checked INT NOT NULL,
    mismatches        INT NOT NULL,
    open_episodes     INT NOT NULL,
    pages_sent        INT NOT NULL,
    ok                BOOLEAN NOT NULL
);

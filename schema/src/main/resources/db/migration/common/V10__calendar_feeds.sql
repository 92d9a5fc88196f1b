-- iCalendar feeds of shifts at unguessable URLs. Like api_tokens, only a SHA-256 hash of the
-- URL's token is kept: a copy of the database reveals no feed. A feed acts with its owner's
-- access, checked at every fetch: someone who leaves a team stops seeing its shifts.
CREATE TABLE calendar_feeds (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NULL: the owner's own shifts on every schedule of their teams; else every shift of one schedule.
    schedule_id      UUID REFERENCES schedules (id) ON DELETE CASCADE,
    token_hash       VARCHAR(64) NOT NULL,
    -- Minutes before each shift at which calendars remind (VALARM), as a JSON list of integers.
    reminder_minutes JSONB NOT NULL DEFAULT '[]',
    created_at       TIMESTAMPTZ NOT NULL,
    rotated_at       TIMESTAMPTZ,
    CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX calendar_feeds_user_idx ON calendar_feeds (user_id);

-- Heartbeat monitors (like GoAlert's and Opsgenie's heartbeats): a service expects a ping
-- every interval; when one is overdue an alert is triggered on the service, and resolved when
-- pings resume. Pings arrive at POST /integrations/heartbeat/{secret}.
CREATE TABLE heartbeat_monitors (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id       UUID NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    name             VARCHAR(100) NOT NULL,
    interval_seconds INT NOT NULL,
    -- Like an integration key: unguessable, unique, the whole credential of a ping.
    secret           VARCHAR(64) NOT NULL,
    -- inactive: never pinged (nothing expected yet); healthy: pinged in time; overdue: a ping is late.
    state            VARCHAR(16) NOT NULL DEFAULT 'inactive',
    last_ping_at     TIMESTAMPTZ,
    -- The next ping is expected before this instant (last ping + interval).
    due_at           TIMESTAMPTZ,
    -- Counts missed beats: each healthy -> overdue transition is one, made by a conditional update.
    missed_count     INT NOT NULL DEFAULT 0,
    overdue_since    TIMESTAMPTZ,
    -- The alert on the service, as an outbox: a missed beat sets trigger_pending in the same
    -- conditional update; a ping after it sets resolve_pending; a worker sends the event
    -- after commit and moves on only if nothing changed meanwhile (none -> trigger_pending ->
    -- triggered -> resolve_pending -> none).
    alert_state      VARCHAR(16) NOT NULL DEFAULT 'none',
    -- A worker sending this monitor's alert event holds it until then.
    alert_claimed_until TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT heartbeat_monitors_interval_check CHECK (interval_seconds BETWEEN 60 AND 604800),
    CONSTRAINT heartbeat_monitors_state_check CHECK (state IN ('inactive', 'healthy', 'overdue')),
    CONSTRAINT heartbeat_monitors_alert_state_check
        CHECK (alert_state IN ('none', 'trigger_pending', 'triggered', 'resolve_pending')),
    CONSTRAINT heartbeat_monitors_secret_key UNIQUE (secret),
    CONSTRAINT heartbeat_monitors_service_name_key UNIQUE (service_id, name)
);
CREATE INDEX heartbeat_monitors_due_idx ON heartbeat_monitors (state, due_at);
CREATE INDEX heartbeat_monitors_alert_idx ON heartbeat_monitors (alert_state);
CREATE INDEX heartbeat_monitors_service_idx ON heartbeat_monitors (service_id);

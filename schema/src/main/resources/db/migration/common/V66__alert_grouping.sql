-- Alert grouping (issue 16): a service may gather its new alerts into one incident per problem.
--
-- A service's choice is configuration (read on every alert, written rarely, GLOBAL on
-- CockroachDB). A service without a row groups nothing and resolves an incident with its last
-- alert, as every service did before this migration. Its writes bump configuration_version.
CREATE TABLE service_alert_grouping (
    service_id              UUID PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
    mode                    VARCHAR(16) NOT NULL,
    -- The field paths compared by content grouping, in order (a JSON array of strings).
    fields                  JSONB NOT NULL DEFAULT '[]',
    -- How long a time-window group takes alerts after its first.
    window_seconds          INT,
    -- Whether an incident resolves when the last of its open alerts is resolved by its tool.
    resolve_with_last_alert BOOLEAN NOT NULL DEFAULT true,
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT service_alert_grouping_mode_check CHECK (mode IN ('none', 'content', 'time_window')),
    CONSTRAINT service_alert_grouping_window_check CHECK (window_seconds IS NULL OR window_seconds BETWEEN 60 AND 86400)
);

-- The groups alerts join: incident state, written by ingest in the same transaction as dedup.
-- At most one OPEN group per (service, key), enforced by the partial unique index below and
-- taken with INSERT ... ON CONFLICT, so two first alerts of one group racing open one incident,
-- exactly as the partial unique index of open alerts makes one alert of two identical triggers.
-- A group closes when its incident is resolved, or (time-window grouping) once joins_until has
-- passed; the next alert with its key then opens a new group and a new incident.
CREATE TABLE alert_groups (
    id          UUID PRIMARY KEY,
    service_id  UUID NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    group_key   VARCHAR(100) NOT NULL,
    incident_id UUID NOT NULL,
    status      VARCHAR(8) NOT NULL,
    alert_count INT NOT NULL,
    home_region VARCHAR(64) NOT NULL,
    opened_at   TIMESTAMPTZ NOT NULL,
    joins_until TIMESTAMPTZ,
    closed_at   TIMESTAMPTZ,
    CONSTRAINT alert_groups_status_check CHECK (status IN ('open', 'closed'))
);
CREATE UNIQUE INDEX alert_groups_open_key ON alert_groups (service_id, group_key) WHERE status = 'open';
CREATE INDEX alert_groups_incident_idx ON alert_groups (incident_id);

-- The two new incident event kinds (dev.oncall.core.incident.IncidentEventKind), added before
-- any process writes them (see V50).
ALTER TABLE incident_events DROP CONSTRAINT incident_events_kind_check;
ALTER TABLE incident_events ADD CONSTRAINT incident_events_kind_check CHECK (kind IN (
    'triggered', 'deduplicated', 'step_fired', 'intent_created', 'acknowledged', 'resolved', 'escalated',
    'reassigned', 'note', 'exhausted', 'retriggered', 'notification_sent', 'notification_failed',
    'notification_delivered', 'alert_joined', 'alert_resolved'));

-- The whole data model. Portable SQL: runs unchanged on PostgreSQL 16+ and CockroachDB.
-- UUID keys from gen_random_uuid(), instants as TIMESTAMPTZ (UTC), no sequences as hot keys,
-- no advisory locks, LISTEN/NOTIFY or triggers. Multi-region localities live apart in
-- db/migration/cockroachdb and are applied only when the database is CockroachDB.

-- ---------------------------------------------------------------- people and teams

CREATE TABLE teams (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(1000) NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT teams_name_key UNIQUE (name)
);

CREATE TABLE users (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    handle     VARCHAR(64) NOT NULL,
    name       VARCHAR(200) NOT NULL,
    email      VARCHAR(320) NOT NULL,
    timezone   VARCHAR(64) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_handle_key UNIQUE (handle),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE team_members (
    team_id    UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       VARCHAR(16) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id),
    CONSTRAINT team_members_role_check CHECK (role IN ('admin', 'manager', 'responder', 'observer'))
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE contact_methods (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type            VARCHAR(16) NOT NULL,
    label           VARCHAR(100) NOT NULL DEFAULT '',
    address         VARCHAR(4096) NOT NULL,
    priority        INT NOT NULL,
    verified        BOOLEAN NOT NULL DEFAULT false,
    disabled        BOOLEAN NOT NULL DEFAULT false,
    disabled_reason VARCHAR(500),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT contact_methods_type_check
        CHECK (type IN ('push', 'sms', 'voice', 'email', 'slack', 'webhook')),
    CONSTRAINT contact_methods_address_key UNIQUE (user_id, type, address)
);
CREATE INDEX contact_methods_user_idx ON contact_methods (user_id, priority);

CREATE TABLE notification_rules (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_method_id UUID NOT NULL REFERENCES contact_methods (id) ON DELETE CASCADE,
    delay_seconds     INT NOT NULL,
    urgency           VARCHAR(8) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT notification_rules_delay_check CHECK (delay_seconds >= 0),
    CONSTRAINT notification_rules_urgency_check CHECK (urgency IN ('high', 'low')),
    CONSTRAINT notification_rules_key UNIQUE (contact_method_id, urgency, delay_seconds)
);
CREATE INDEX notification_rules_user_idx ON notification_rules (user_id, urgency);

-- ---------------------------------------------------------------- schedules

CREATE TABLE schedules (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id        UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name           VARCHAR(100) NOT NULL,
    description    VARCHAR(1000) NOT NULL DEFAULT '',
    timezone       VARCHAR(64) NOT NULL,
    -- Bumped by every change to the schedule, its layers, overrides or coverage: cache keys
    -- and materialized shifts carry it, so a stale entry is recognisable as stale.
    config_version BIGINT NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT schedules_team_name_key UNIQUE (team_id, name)
);

CREATE TABLE rotation_layers (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    schedule_id     UUID NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    name            VARCHAR(100) NOT NULL,
    layer_order     INT NOT NULL,
    rotation_type   VARCHAR(8) NOT NULL,
    -- monthly/weekly/daily/hourly: how many units a shift lasts; custom: an ISO-8601 period.
    rotation_count  INT,
    rotation_period VARCHAR(32),
    -- Local date-times in the schedule's zone: handoffs are wall-clock, never instants.
    start_local     TIMESTAMP NOT NULL,
    end_local       TIMESTAMP,
    users_per_shift INT NOT NULL DEFAULT 1,
    restrictions    JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT rotation_layers_type_check
        CHECK (rotation_type IN ('monthly', 'weekly', 'daily', 'hourly', 'custom')),
    CONSTRAINT rotation_layers_length_check CHECK (
        (rotation_type = 'custom' AND rotation_period IS NOT NULL AND rotation_count IS NULL)
        OR (rotation_type <> 'custom' AND rotation_count > 0 AND rotation_period IS NULL)),
    CONSTRAINT rotation_layers_users_per_shift_check CHECK (users_per_shift >= 1),
    CONSTRAINT rotation_layers_end_check CHECK (end_local IS NULL OR end_local > start_local),
    CONSTRAINT rotation_layers_order_key UNIQUE (schedule_id, layer_order)
);

CREATE TABLE layer_participants (
    layer_id UUID NOT NULL REFERENCES rotation_layers (id) ON DELETE CASCADE,
    position INT NOT NULL,
    user_id  UUID NOT NULL REFERENCES users (id),
    PRIMARY KEY (layer_id, position),
    CONSTRAINT layer_participants_position_check CHECK (position >= 0)
);
CREATE INDEX layer_participants_user_idx ON layer_participants (user_id);

CREATE TABLE overrides (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    schedule_id UUID NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    user_id     UUID NOT NULL REFERENCES users (id),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    created_by  UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT overrides_interval_check CHECK (ends_at > starts_at)
);
CREATE INDEX overrides_schedule_time_idx ON overrides (schedule_id, starts_at, ends_at);
CREATE INDEX overrides_user_idx ON overrides (user_id, starts_at);

CREATE TABLE coverage_requests (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    schedule_id UUID NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    requester   UUID NOT NULL REFERENCES users (id),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    reason      VARCHAR(1000) NOT NULL DEFAULT '',
    status      VARCHAR(16) NOT NULL DEFAULT 'open',
    claimed_by  UUID REFERENCES users (id),
    claimed_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT coverage_requests_interval_check CHECK (ends_at > starts_at),
    CONSTRAINT coverage_requests_status_check CHECK (status IN ('open', 'claimed', 'cancelled')),
    CONSTRAINT coverage_requests_claim_check CHECK ((status = 'claimed') = (claimed_by IS NOT NULL))
);
CREATE INDEX coverage_requests_schedule_time_idx ON coverage_requests (schedule_id, starts_at, ends_at);

-- Shifts expanded from configuration for a horizon; history is never rewritten.
CREATE TABLE shifts (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    schedule_id         UUID NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    user_id             UUID NOT NULL REFERENCES users (id),
    starts_at           TIMESTAMPTZ NOT NULL,
    ends_at             TIMESTAMPTZ NOT NULL,
    source              VARCHAR(16) NOT NULL,
    coverage_request_id UUID REFERENCES coverage_requests (id) ON DELETE SET NULL,
    config_version      BIGINT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT shifts_interval_check CHECK (ends_at > starts_at),
    CONSTRAINT shifts_source_check CHECK (source IN ('rotation', 'override', 'coverage'))
);
CREATE INDEX shifts_schedule_time_idx ON shifts (schedule_id, starts_at, ends_at);
CREATE INDEX shifts_user_time_idx ON shifts (user_id, starts_at);

-- ---------------------------------------------------------------- escalation

CREATE TABLE escalation_policies (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id        UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name           VARCHAR(100) NOT NULL,
    description    VARCHAR(1000) NOT NULL DEFAULT '',
    repeat_count   INT NOT NULL DEFAULT 0,
    config_version BIGINT NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT escalation_policies_repeat_check CHECK (repeat_count BETWEEN 0 AND 9),
    CONSTRAINT escalation_policies_team_name_key UNIQUE (team_id, name)
);

CREATE TABLE escalation_steps (
    id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    policy_id              UUID NOT NULL REFERENCES escalation_policies (id) ON DELETE CASCADE,
    step_order             INT NOT NULL,
    escalate_after_seconds INT NOT NULL,
    CONSTRAINT escalation_steps_after_check CHECK (escalate_after_seconds BETWEEN 60 AND 86400),
    CONSTRAINT escalation_steps_order_key UNIQUE (policy_id, step_order)
);

-- A step pages every one of its targets (like PagerDuty): a schedule's on-call users,
-- a user, or every member of a team.
CREATE TABLE escalation_step_targets (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    step_id     UUID NOT NULL REFERENCES escalation_steps (id) ON DELETE CASCADE,
    position    INT NOT NULL,
    target_type VARCHAR(16) NOT NULL,
    target_id   UUID NOT NULL,
    CONSTRAINT escalation_step_targets_type_check CHECK (target_type IN ('schedule', 'user', 'team')),
    CONSTRAINT escalation_step_targets_key UNIQUE (step_id, target_type, target_id)
);
CREATE INDEX escalation_step_targets_target_idx ON escalation_step_targets (target_type, target_id);

-- ---------------------------------------------------------------- services and alerts

CREATE TABLE services (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id              UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name                 VARCHAR(100) NOT NULL,
    description          VARCHAR(1000) NOT NULL DEFAULT '',
    escalation_policy_id UUID NOT NULL REFERENCES escalation_policies (id),
    maintenance_until    TIMESTAMPTZ,
    -- An acknowledged incident returns to triggered after this long without resolution.
    ack_timeout_seconds  INT,
    default_urgency      VARCHAR(8) NOT NULL DEFAULT 'high',
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT services_ack_timeout_check CHECK (ack_timeout_seconds IS NULL OR ack_timeout_seconds >= 60),
    CONSTRAINT services_urgency_check CHECK (default_urgency IN ('high', 'low')),
    CONSTRAINT services_team_name_key UNIQUE (team_id, name)
);
CREATE INDEX services_policy_idx ON services (escalation_policy_id);

-- The routing keys monitoring tools send; a key names its service.
CREATE TABLE integration_keys (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id UUID NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    type       VARCHAR(16) NOT NULL,
    name       VARCHAR(100) NOT NULL,
    secret     VARCHAR(64) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT integration_keys_type_check CHECK (type IN ('events_v2', 'alertmanager')),
    CONSTRAINT integration_keys_secret_key UNIQUE (secret)
);
CREATE INDEX integration_keys_service_idx ON integration_keys (service_id);

CREATE TABLE alerts (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id    UUID NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    dedup_key     VARCHAR(255) NOT NULL,
    status        VARCHAR(16) NOT NULL DEFAULT 'triggered',
    summary       VARCHAR(1024) NOT NULL,
    source        VARCHAR(255) NOT NULL DEFAULT '',
    severity      VARCHAR(8) NOT NULL DEFAULT 'error',
    payload       JSONB NOT NULL DEFAULT '{}',
    event_count   INT NOT NULL DEFAULT 1,
    incident_id   UUID,
    home_region   VARCHAR(64) NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    resolved_at   TIMESTAMPTZ,
    CONSTRAINT alerts_status_check CHECK (status IN ('triggered', 'acknowledged', 'resolved')),
    CONSTRAINT alerts_severity_check CHECK (severity IN ('critical', 'error', 'warning', 'info'))
);
-- Dedup: at most one open alert per (service, dedup key); after resolve a new one may open.
CREATE UNIQUE INDEX alerts_open_dedup_key ON alerts (service_id, dedup_key) WHERE status <> 'resolved';
CREATE INDEX alerts_incident_idx ON alerts (incident_id);

-- ---------------------------------------------------------------- incidents

CREATE TABLE incidents (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    alert_id        UUID NOT NULL,
    service_id      UUID NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    team_id         UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    policy_id       UUID REFERENCES escalation_policies (id) ON DELETE SET NULL,
    title           VARCHAR(1024) NOT NULL,
    status          VARCHAR(16) NOT NULL,
    urgency         VARCHAR(8) NOT NULL,
    current_step    INT NOT NULL DEFAULT 0,
    loop_count      INT NOT NULL DEFAULT 0,
    exhausted       BOOLEAN NOT NULL DEFAULT false,
    home_region     VARCHAR(64) NOT NULL,
    -- Next sequence number of this incident's events: per-incident order without a global sequence.
    event_seq       BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by UUID,
    resolved_at     TIMESTAMPTZ,
    resolved_by     UUID,
    CONSTRAINT incidents_status_check CHECK (status IN ('triggered', 'acknowledged', 'resolved')),
    CONSTRAINT incidents_urgency_check CHECK (urgency IN ('high', 'low'))
);
CREATE INDEX incidents_team_status_idx ON incidents (team_id, status, created_at);
CREATE INDEX incidents_service_idx ON incidents (service_id, created_at);

-- Append-only log of everything that happened to an incident; the source of truth for
-- subscriptions (a client resumes from its last cursor).
CREATE TABLE incident_events (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    incident_id UUID NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    team_id     UUID NOT NULL,
    seq         BIGINT NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    actor_type  VARCHAR(16) NOT NULL,
    actor_id    VARCHAR(255),
    channel     VARCHAR(16),
    data        JSONB NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT incident_events_seq_key UNIQUE (incident_id, seq),
    CONSTRAINT incident_events_actor_check CHECK (actor_type IN ('user', 'system', 'integration'))
);
CREATE INDEX incident_events_team_time_idx ON incident_events (team_id, created_at, id);

-- Durable escalation timers: "fire step S of loop L of incident I at due_at".
CREATE TABLE escalation_timers (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    incident_id UUID NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    step        INT NOT NULL,
    loop_count  INT NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    region      VARCHAR(64) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT escalation_timers_step_key UNIQUE (incident_id, loop_count, step)
);
CREATE INDEX escalation_timers_region_due_idx ON escalation_timers (region, due_at);

-- One row per intended notification; the idempotency key makes a page effectively-once.
CREATE TABLE notification_attempts (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    idempotency_key     VARCHAR(255) NOT NULL,
    incident_id         UUID NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    user_id             UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_method_id   UUID REFERENCES contact_methods (id) ON DELETE SET NULL,
    step                INT NOT NULL,
    loop_count          INT NOT NULL,
    channel             VARCHAR(16) NOT NULL,
    region              VARCHAR(64) NOT NULL,
    state               VARCHAR(16) NOT NULL DEFAULT 'pending',
    not_before          TIMESTAMPTZ NOT NULL,
    attempts            INT NOT NULL DEFAULT 0,
    claimed_by          VARCHAR(128),
    claimed_until       TIMESTAMPTZ,
    provider            VARCHAR(32),
    provider_message_id VARCHAR(255),
    provider_status     VARCHAR(64),
    last_error          VARCHAR(2000),
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT notification_attempts_idempotency_key UNIQUE (idempotency_key),
    CONSTRAINT notification_attempts_state_check
        CHECK (state IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled'))
);
CREATE INDEX notification_attempts_due_idx ON notification_attempts (region, state, not_before);
CREATE INDEX notification_attempts_incident_idx ON notification_attempts (incident_id);
CREATE INDEX notification_attempts_provider_idx ON notification_attempts (provider, provider_message_id);

-- ---------------------------------------------------------------- access and liveness

-- API tokens: only a SHA-256 hash is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      UUID REFERENCES users (id) ON DELETE CASCADE,
    team_id      UUID REFERENCES teams (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL,
    token_prefix VARCHAR(16) NOT NULL,
    role         VARCHAR(16),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash),
    CONSTRAINT api_tokens_owner_check CHECK (user_id IS NOT NULL OR team_id IS NOT NULL),
    CONSTRAINT api_tokens_role_check CHECK (role IS NULL OR role IN ('admin', 'manager', 'responder', 'observer'))
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
CREATE INDEX api_tokens_team_idx ON api_tokens (team_id);

CREATE TABLE worker_heartbeats (
    worker_id    VARCHAR(128) PRIMARY KEY,
    region       VARCHAR(64) NOT NULL,
    hostname     VARCHAR(255) NOT NULL DEFAULT '',
    version      VARCHAR(64) NOT NULL DEFAULT '',
    started_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX worker_heartbeats_region_idx ON worker_heartbeats (region, last_seen_at);

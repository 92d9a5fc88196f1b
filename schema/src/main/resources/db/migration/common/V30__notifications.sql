-- Delivery of notification intents (docs/notifications.md). Portable SQL, like V1.

-- One provider message may carry several intents (a storm bundles a person's incidents into
-- one SMS): message_id groups them, sent_at says when the provider accepted it. Rate limits
-- count distinct messages per person and channel over a window.
ALTER TABLE notification_attempts ADD COLUMN message_id UUID;
ALTER TABLE notification_attempts ADD COLUMN sent_at TIMESTAMPTZ;
CREATE INDEX notification_attempts_rate_idx ON notification_attempts (user_id, channel, sent_at);
CREATE INDEX notification_attempts_user_incident_idx ON notification_attempts (incident_id, user_id, state);

-- Acknowledgement tokens are single use: a token's id is written here when it is redeemed,
-- and the primary key refuses a second redemption. Rows past expires_at may be purged, the
-- token's own expiry refuses it by then.
CREATE TABLE ack_tokens_used (
    token_id    UUID PRIMARY KEY,
    incident_id UUID NOT NULL,
    user_id     UUID NOT NULL,
    action      VARCHAR(16) NOT NULL,
    channel     VARCHAR(16) NOT NULL,
    used_at     TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT ack_tokens_used_action_check CHECK (action IN ('acknowledge', 'resolve'))
);
CREATE INDEX ack_tokens_used_expiry_idx ON ack_tokens_used (expires_at);

-- Short per-person codes for SMS replies ("1A", "ACK 12", "RES 12"): a person's open
-- incidents are numbered from 1, and a code is reused once its incident is resolved.
CREATE TABLE sms_reply_codes (
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code        INT NOT NULL,
    incident_id UUID NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, code),
    CONSTRAINT sms_reply_codes_incident_key UNIQUE (user_id, incident_id),
    CONSTRAINT sms_reply_codes_code_check CHECK (code BETWEEN 1 AND 9999)
);
CREATE INDEX sms_reply_codes_incident_idx ON sms_reply_codes (incident_id);

-- Shift start/end messages: the key makes each one sent at most once, whichever worker (of
-- whichever region) notices the handoff first.
CREATE TABLE handoff_notices (
    schedule_id UUID NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        VARCHAR(8) NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    channel     VARCHAR(16),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (schedule_id, user_id, kind, at),
    CONSTRAINT handoff_notices_kind_check CHECK (kind IN ('start', 'end'))
);

-- Contact method verification (docs/notifications.md#verifying-contact-methods). Portable SQL, like V1.
--
-- Upgrading: contact_methods.verified was never set before this release, so every existing
-- method stays unverified and is no longer paged until its person verifies it. Nothing here
-- marks old methods verified: an unverified number may be one somebody else typed in (the
-- reason for this release), and paging it, or trusting an SMS from it, is what must stop.

-- When a method was last verified (NULL: never). Changing its address clears it with `verified`.
ALTER TABLE contact_methods ADD COLUMN verified_at TIMESTAMPTZ;

-- Messages to one contact method outside paging: a verification code (a challenge, for a
-- webhook) or a test notification. graph-api writes one pending in its region; a worker of that
-- region claims it (FOR UPDATE SKIP LOCKED, like notification intents), sends it through the
-- method's channel and records what the provider said. The row is also the record a person
-- reads back ("was my test delivered?") and what the send limits count.
CREATE TABLE contact_messages (
    id                  UUID PRIMARY KEY,
    contact_method_id   UUID NOT NULL REFERENCES contact_methods (id) ON DELETE CASCADE,
    user_id             UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind                VARCHAR(16) NOT NULL,
    -- The method's address when the message was asked for: a message for an address the method
    -- no longer has is not sent, and a code sent to one verifies nothing.
    address             VARCHAR(4096) NOT NULL,
    region              VARCHAR(64) NOT NULL,
    state               VARCHAR(16) NOT NULL DEFAULT 'pending',
    not_before          TIMESTAMPTZ NOT NULL,
    claimed_by          VARCHAR(128),
    claimed_until       TIMESTAMPTZ,
    attempts            INT NOT NULL DEFAULT 0,
    provider            VARCHAR(32),
    provider_message_id VARCHAR(255),
    provider_status     VARCHAR(64),
    last_error          VARCHAR(2000),
    -- Verification codes only. The worker makes the code just before sending it and stores only
    -- its hash (PBKDF2, salted with this row's id): no code is ever readable here.
    code_hash           VARCHAR(128),
    expires_at          TIMESTAMPTZ,
    failed_checks       INT NOT NULL DEFAULT 0,
    used_at             TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    sent_at             TIMESTAMPTZ,
    CONSTRAINT contact_messages_kind_check CHECK (kind IN ('verification', 'test')),
    CONSTRAINT contact_messages_state_check
        CHECK (state IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled'))
);
CREATE INDEX contact_messages_due_idx ON contact_messages (region, state, not_before);
CREATE INDEX contact_messages_method_idx ON contact_messages (contact_method_id, kind, created_at);
CREATE INDEX contact_messages_user_idx ON contact_messages (user_id, kind, created_at);
CREATE INDEX contact_messages_provider_idx ON contact_messages (provider, provider_message_id);

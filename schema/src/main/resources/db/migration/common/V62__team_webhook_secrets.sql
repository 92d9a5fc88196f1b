-- Each team's own key for signing the webhook pages of its incidents, so a team running a
-- receiver holds no key that signs another team's pages. The secret must be usable to sign, so it
-- cannot be hashed: it is stored encrypted (AES-256-GCM under oncall.notify.webhook.encryption-key,
-- bound to the team's id), and a copy of the database alone signs nothing.
-- After a rotation the previous secret keeps signing beside the new one until
-- previous_expires_at; a NULL previous_secret with an expiry means the previous key was the
-- installation-wide oncall.notify.webhook.signing-secret (the team's first rotation).
CREATE TABLE team_webhook_secrets (
    team_id             UUID PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    secret              VARCHAR(200) NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    previous_secret     VARCHAR(200),
    previous_expires_at TIMESTAMPTZ,
    CONSTRAINT team_webhook_secrets_previous_check
        CHECK (previous_secret IS NULL OR previous_expires_at IS NOT NULL)
);

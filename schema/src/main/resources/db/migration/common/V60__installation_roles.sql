-- An installation level above teams (docs/api.md#who-may-do-what): every person has an
-- installation role, dev.oncall.core.installation.InstallationRole. Only the elevated ones are
-- rows here; a person without a row is a plain user. A table rather than a column of users:
-- CockroachDB cannot write a column added earlier in the same transaction, and this migration
-- must give existing people their roles in the one transaction that creates the place for them.
CREATE TABLE installation_roles (
    user_id    UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    role       VARCHAR(16) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT installation_roles_role_check CHECK (role IN ('owner', 'admin'))
);

-- Existing people. The bootstrap admin becomes the owner: the installation's first person
-- (graph-api's Bootstrap creates them only on a database without users) when they still hold
-- the personal token Bootstrap gave them. Another person's token that merely has that name
-- proves nothing, so only the first person qualifies.
INSERT INTO installation_roles (user_id, role)
SELECT u.id, 'owner' FROM users u
WHERE u.id = (SELECT earliest.id FROM users earliest ORDER BY earliest.created_at, earliest.id LIMIT 1)
  AND EXISTS (SELECT 1 FROM api_tokens t WHERE t.user_id = u.id AND t.name = 'bootstrap');

-- Without a bootstrap admin (deleted, or the people came another way, as the local run's demo
-- does), the person who has been a team admin the longest becomes the owner, so there is
-- always someone who can give installation roles. Every other team admin stays a plain user:
-- their team role keeps what it always allowed within the team, and nothing over people or
-- teams beyond it; an owner raises whom they trust with setInstallationRole.
INSERT INTO installation_roles (user_id, role)
SELECT m.user_id, 'owner' FROM team_members m
WHERE m.role = 'admin' AND NOT EXISTS (SELECT 1 FROM installation_roles)
ORDER BY m.created_at, m.user_id
LIMIT 1;

-- Offers of team membership, pending until the invitee answers (accepting makes the member and
-- removes the row in one transaction; declining or cancelling removes it).
CREATE TABLE team_invitations (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id    UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       VARCHAR(16) NOT NULL,
    invited_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT team_invitations_team_user_key UNIQUE (team_id, user_id),
    CONSTRAINT team_invitations_role_check CHECK (role IN ('admin', 'manager', 'responder', 'observer'))
);
CREATE INDEX team_invitations_user_idx ON team_invitations (user_id);

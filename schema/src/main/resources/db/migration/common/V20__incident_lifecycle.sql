-- Incident lifecycle additions for ingest and the escalation engine (issue 5).

-- An acknowledgement timeout starts a new escalation round in a fresh loop number, so that
-- "step s of loop l" names one page for the incident's whole life (notification idempotency
-- keys contain it). Repeats of the policy are counted from the round's first loop.
ALTER TABLE incidents ADD COLUMN loop_base INT NOT NULL DEFAULT 0;

-- Incident lists page by (created_at, id) newest first, per team and status.
CREATE INDEX incidents_team_created_idx ON incidents (team_id, created_at, id);

-- Timers are either "fire step S of loop L" or "re-trigger if still acknowledged" (the
-- service's acknowledgement timeout; step is -1 so it never collides with a step timer).
ALTER TABLE escalation_timers ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'step';
ALTER TABLE escalation_timers ADD CONSTRAINT escalation_timers_kind_check CHECK (kind IN ('step', 'ack_timeout'));
-- Adoption looks at every region's overdue timers.
CREATE INDEX escalation_timers_due_idx ON escalation_timers (due_at);

-- Who holds an incident now: the people the latest step paged, or whom it was reassigned to.
CREATE TABLE incident_assignees (
    incident_id UUID NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    assigned_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, user_id)
);
CREATE INDEX incident_assignees_user_idx ON incident_assignees (user_id);

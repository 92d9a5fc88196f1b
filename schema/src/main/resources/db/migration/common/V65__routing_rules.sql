-- Routing rules and the severity-to-urgency map of a service (docs/alerts.md). One row per
-- service that has either, read once per ingest transaction by primary key. The rules are kept
-- in the file format of docs/alerts.md (core's RoutingSpec), so the one reader that checks what
-- the API and files send also reads what was stored.
--
-- version: replacing the rules names the version it read (like schedules' config_version); a
-- service without a row is at version 0. The severity map is set whole and does not move it.
CREATE TABLE service_routing (
    service_id       UUID PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
    rules            JSONB NOT NULL DEFAULT '{"rules": []}',
    severity_urgency JSONB NOT NULL DEFAULT '{}',
    version          BIGINT NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- P1 (1) to P5 (5), set by a routing rule; none when no rule set one.
ALTER TABLE incidents ADD COLUMN priority SMALLINT;
ALTER TABLE incidents ADD CONSTRAINT incidents_priority_check CHECK (priority IS NULL OR priority BETWEEN 1 AND 5);

-- The service whose integration received an alert that a rule routed to another service
-- (service_id). Acknowledge and resolve events arrive where the trigger did, and find the alert
-- through this column. No foreign key: alerts are the hottest table, and a deleted service's
-- routed alerts are simply no longer found by its (gone) integrations.
ALTER TABLE alerts ADD COLUMN received_service_id UUID;
-- Only routed alerts are in it, so unrouted ingest pays nothing for it.
CREATE INDEX alerts_routed_open_idx ON alerts (received_service_id, dedup_key)
    WHERE received_service_id IS NOT NULL AND status <> 'resolved';

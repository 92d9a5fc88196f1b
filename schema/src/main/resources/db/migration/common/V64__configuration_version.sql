-- One number for "has any configuration paging reads changed?": workers keep an in-memory
-- snapshot of that configuration (policies, schedules, members, contact methods, notification
-- rules, services) to page from when reading it fails, and reload it only when this moves.
--
-- Bumped by the application in the same transaction as the change (store's
-- ConfigurationVersion), not by triggers: the schema has none (V1), CockroachDB has no
-- statement-level triggers and its row-level ones would bump once per row. One row means
-- configuration writes are serialized against each other; they are rare and human-paced.
CREATE TABLE configuration_version (
    id         INT PRIMARY KEY,
    version    BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT configuration_version_single_row CHECK (id = 1)
);
INSERT INTO configuration_version (id, version) VALUES (1, 1);

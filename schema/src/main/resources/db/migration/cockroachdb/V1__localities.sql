-- CockroachDB only, applied after db/migration/common and after the database's regions are
-- configured (see docs/operations.md). Configuration is read on every alert in every region,
-- so it is GLOBAL: local, consistent reads everywhere at the cost of slower writes.
-- Incident state is written where the alert arrived and read mostly there, so it is
-- REGIONAL BY ROW: each row is homed in the region of the gateway that wrote it.
ALTER TABLE teams SET LOCALITY GLOBAL;
ALTER TABLE users SET LOCALITY GLOBAL;
ALTER TABLE team_members SET LOCALITY GLOBAL;
ALTER TABLE contact_methods SET LOCALITY GLOBAL;
ALTER TABLE notification_rules SET LOCALITY GLOBAL;
ALTER TABLE schedules SET LOCALITY GLOBAL;
ALTER TABLE rotation_layers SET LOCALITY GLOBAL;
ALTER TABLE layer_participants SET LOCALITY GLOBAL;
ALTER TABLE overrides SET LOCALITY GLOBAL;
ALTER TABLE coverage_requests SET LOCALITY GLOBAL;
ALTER TABLE shifts SET LOCALITY GLOBAL;
ALTER TABLE escalation_policies SET LOCALITY GLOBAL;
ALTER TABLE escalation_steps SET LOCALITY GLOBAL;
ALTER TABLE escalation_step_targets SET LOCALITY GLOBAL;
ALTER TABLE services SET LOCALITY GLOBAL;
ALTER TABLE integration_keys SET LOCALITY GLOBAL;
ALTER TABLE api_tokens SET LOCALITY GLOBAL;

ALTER TABLE alerts SET LOCALITY REGIONAL BY ROW;
ALTER TABLE incidents SET LOCALITY REGIONAL BY ROW;
ALTER TABLE incident_events SET LOCALITY REGIONAL BY ROW;
ALTER TABLE escalation_timers SET LOCALITY REGIONAL BY ROW;
ALTER TABLE notification_attempts SET LOCALITY REGIONAL BY ROW;
-- Heartbeats are written by each region's workers and read by every region's auditor.
ALTER TABLE worker_heartbeats SET LOCALITY REGIONAL BY ROW;

-- CockroachDB only. Heartbeat monitors are configuration read by every region's workers:
-- GLOBAL like services. Materialization leases and the auditor's episodes are written by
-- every region's workers and auditors alike; they keep the default locality (REGIONAL BY
-- TABLE in the primary region), the same for everyone.
ALTER TABLE heartbeat_monitors SET LOCALITY GLOBAL;

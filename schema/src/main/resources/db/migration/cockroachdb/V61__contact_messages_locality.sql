-- CockroachDB only. Verification and test messages are written by the graph-api of one region
-- and sent by that region's workers, like notification intents.
ALTER TABLE contact_messages SET LOCALITY REGIONAL BY ROW;

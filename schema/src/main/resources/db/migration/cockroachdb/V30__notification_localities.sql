-- CockroachDB only. Redeemed tokens, reply codes and handoff notices are written where the
-- acknowledgement or the worker runs, like the incident state they belong to.
ALTER TABLE ack_tokens_used SET LOCALITY REGIONAL BY ROW;
ALTER TABLE sms_reply_codes SET LOCALITY REGIONAL BY ROW;
ALTER TABLE handoff_notices SET LOCALITY REGIONAL BY ROW;

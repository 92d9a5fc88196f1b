-- Teams' webhook signing secrets are configuration, read by the workers of every region: GLOBAL.
ALTER TABLE team_webhook_secrets SET LOCALITY GLOBAL;

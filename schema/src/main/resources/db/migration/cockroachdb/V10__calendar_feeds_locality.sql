-- Calendar feeds are configuration, read from every region: GLOBAL like api_tokens.
ALTER TABLE calendar_feeds SET LOCALITY GLOBAL;

-- A service's grouping is configuration, read on every alert in every region; the groups are
-- incident state, homed where their first alert arrived like the incident they point to.
ALTER TABLE service_alert_grouping SET LOCALITY GLOBAL;
ALTER TABLE alert_groups SET LOCALITY REGIONAL BY ROW;

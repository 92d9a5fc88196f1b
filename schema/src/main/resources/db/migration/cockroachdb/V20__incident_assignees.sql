-- Assignments are incident state: homed with the incident's region like the incident itself.
ALTER TABLE incident_assignees SET LOCALITY REGIONAL BY ROW;

-- Installation roles are read at every authentication and invitations with the teams they
-- offer, in every region: configuration, GLOBAL like users and team_members.
ALTER TABLE installation_roles SET LOCALITY GLOBAL;
ALTER TABLE team_invitations SET LOCALITY GLOBAL;

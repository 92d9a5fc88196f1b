-- The configuration version is read by every region's workers, like the configuration it versions.
ALTER TABLE configuration_version SET LOCALITY GLOBAL;

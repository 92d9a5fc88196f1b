-- Routing rules are configuration: read on every alert in every region, written rarely.
ALTER TABLE service_routing SET LOCALITY GLOBAL;

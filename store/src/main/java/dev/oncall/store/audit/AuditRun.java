package dev.oncall.store.audit;

import java.time.Instant;

/** The outcome of one audit run, as recorded for graph-api to export. */
public record AuditRun(String region, Instant startedAt, Instant finishedAt, int schedulesChecked, int mismatches,
                       int openEpisodes, int pagesSent, boolean ok) {}

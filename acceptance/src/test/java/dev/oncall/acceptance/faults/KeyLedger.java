package dev.oncall.acceptance.faults;

/**
 * What the sender knows about one dedup key at the end: how many triggers were answered 202,
 * how many more were sent without a 202 (answered 5xx, or the connection failed: they may or may
 * not have been recorded, and were retried), and whether an acknowledge or a resolve was
 * answered 202.
 */
public record KeyLedger(String key, int triggersAccepted, int triggersUnsure, boolean acknowledged, boolean resolved) {}

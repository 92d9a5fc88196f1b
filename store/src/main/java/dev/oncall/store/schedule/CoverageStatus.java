package dev.oncall.store.schedule;

import dev.oncall.core.validation.Codes;

/** Where a cover request stands. */
public enum CoverageStatus {
    OPEN,
    CLAIMED,
    CANCELLED;

    public String code() {
        return Codes.of(this);
    }

    static CoverageStatus parse(String code) {
        return Codes.parse(CoverageStatus.class, code).orElseThrow(
                () -> new IllegalStateException("unknown stored cover request status " + code));
    }
}

package dev.oncall.store.schedule;

import java.util.Locale;

/** Where a cover request stands. */
public enum CoverageStatus {
    OPEN,
    CLAIMED,
    CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CoverageStatus parse(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

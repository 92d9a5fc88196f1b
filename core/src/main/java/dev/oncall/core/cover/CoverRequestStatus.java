package dev.oncall.core.cover;

import dev.oncall.core.validation.Codes;
import dev.oncall.core.validation.ValidationException;
import java.util.Optional;

/**
 * Where a cover request stands. It starts {@link #OPEN}; from there, and only from there, it is
 * claimed by someone else or cancelled. Both ends are final.
 */
public enum CoverRequestStatus {
    OPEN,
    CLAIMED,
    CANCELLED;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<CoverRequestStatus> parse(String code) {
        return Codes.parse(CoverRequestStatus.class, code);
    }

    /** The status a claim moves this request to; refused unless it is open. */
    public CoverRequestStatus claim() {
        if (this != OPEN) {
            throw claimRefusal();
        }
        return CLAIMED;
    }

    /**
     * Why a claim of a request read in this status was refused. Storage also gives it when a
     * request read as open lost a race to another claim or a cancellation.
     */
    public ValidationException claimRefusal() {
        return ValidationException.of("id", "this cover request is no longer open (it is " + code() + ")");
    }

    /** The status a cancellation moves this request to; refused unless it is open. */
    public CoverRequestStatus cancel() {
        if (this != OPEN) {
            throw cancelRefusal();
        }
        return CANCELLED;
    }

    /** Why a cancellation of a request read in this status was refused (or lost a race, as for a claim). */
    public ValidationException cancelRefusal() {
        return ValidationException.of("id", "only an open cover request can be cancelled (it is " + code() + ")");
    }
}

package dev.oncall.core.shift;

import dev.oncall.core.cover.CoverPart;
import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.cover.CoverSplit;
import dev.oncall.core.user.UserRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Cover requests applied to materialized shifts, as storage applies them when someone asks
 * for cover: each of the requester's shifts the request touches is split (two parts at its
 * start or end, three in the middle, or marked whole, see {@link CoverSplit}); the requested
 * part stays the requester's, marked, until a claim hands exactly that part to the claimer.
 *
 * <p>Override shifts are never split: an override is not a turn one can ask to be covered for,
 * and it wins over a claim anyway. For single-user layers the result equals materializing the
 * schedule with the request in it.
 */
public final class ShiftCovers {
    private ShiftCovers() {
    }

    /** The shifts after {@code request} (and its claim, if it has one), in the same order. */
    public static List<Shift> apply(List<Shift> shifts, CoverRequest request) {
        List<Shift> out = new ArrayList<>(shifts.size() + 2);
        for (Shift shift : shifts) {
            if (!shift.user().equals(request.requester()) || shift.source() == ShiftSource.OVERRIDE
                    || !request.overlaps(shift.start(), shift.end())) {
                out.add(shift);
                continue;
            }
            for (CoverPart part : CoverSplit.split(shift.start(), shift.end(), request.start(), request.end())) {
                Shift piece = shift.withSpan(part.start(), part.end());
                if (!part.requested()) {
                    out.add(piece);
                } else if (request.claimedBy().isPresent()) {
                    out.add(piece.claimedBy(request.claimedBy().get(), request.id()));
                } else {
                    out.add(piece.withOpenRequest(request.id()));
                }
            }
        }
        return out;
    }

    /** Hands every part marked with the open request {@code requestId} to {@code claimer}. */
    public static List<Shift> claim(List<Shift> shifts, String requestId, UserRef claimer) {
        List<Shift> out = new ArrayList<>(shifts.size());
        for (Shift shift : shifts) {
            boolean marked = shift.openRequest().filter(requestId::equals).isPresent();
            out.add(marked ? shift.claimedBy(claimer, requestId) : shift);
        }
        return out;
    }
}

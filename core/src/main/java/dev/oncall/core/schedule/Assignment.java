package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Why one user is on call during an explained segment: which layer and shift (or which
 * override) put them there, and which cover request, if any, touches that time.
 *
 * @param layer       index of the layer whose shift this is; -1 for an override
 * @param shift       the shift number k within that layer (rule 2); -1 for an override
 * @param override    index of the winning override; -1 when the time comes from a layer
 * @param claimedRequest the claimed cover request that gave this user the time
 * @param openRequest an unclaimed cover request this user made for this time
 */
public record Assignment(
        UserRef user,
        int layer,
        long shift,
        int override,
        Optional<String> claimedRequest,
        Optional<String> openRequest) {

    public Assignment {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(claimedRequest, "claimedRequest");
        Objects.requireNonNull(openRequest, "openRequest");
        if ((layer < 0) == (override < 0)) {
            throw new IllegalArgumentException("an assignment comes from exactly one of a layer and an override");
        }
    }

    public static Assignment fromLayer(UserRef user, int layer, long shift) {
        return new Assignment(user, layer, shift, -1, Optional.empty(), Optional.empty());
    }

    public static Assignment fromOverride(UserRef user, int override) {
        return new Assignment(user, -1, -1, override, Optional.empty(), Optional.empty());
    }

    /** The claimer takes this time over, through the claimed request {@code requestId}. */
    public Assignment claimedBy(UserRef claimer, String requestId) {
        return new Assignment(claimer, layer, shift, -1, Optional.of(requestId), Optional.empty());
    }

    public Assignment withOpenRequest(String requestId) {
        return new Assignment(user, layer, shift, override, claimedRequest, Optional.of(requestId));
    }

    public boolean isOverride() {
        return override >= 0;
    }

    public boolean isClaimed() {
        return claimedRequest.isPresent();
    }
}

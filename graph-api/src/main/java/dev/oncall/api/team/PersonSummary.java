package dev.oncall.api.team;

import dev.oncall.core.user.User;
import java.util.UUID;

/**
 * Who a person is, never how to reach them: what an invitation shows of its invitee to the
 * team that invites them, and of its inviter to the invitee, who share no team yet.
 */
record PersonSummary(UUID id, String handle, String name) {
    static PersonSummary of(User user) {
        return new PersonSummary(user.id(), user.handle(), user.name());
    }
}

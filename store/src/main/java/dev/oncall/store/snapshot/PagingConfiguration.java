package dev.oncall.store.snapshot;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.team.Member;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.NotificationRule;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The configuration a page is resolved from, wherever it comes from: the database now
 * ({@link DatabasePagingConfiguration}) or a worker's in-memory copy ({@link ConfigurationSnapshot}).
 * Paging asks the same questions of either and applies the same rules to the answers, so a step
 * resolved from the snapshot pages whom the fresh read would have paged at the snapshot's version.
 */
public interface PagingConfiguration {
    /** The policy {@code policyId} names, or the service's current one if that policy is gone. */
    Optional<EscalationPolicy> policy(Optional<UUID> policyId, UUID serviceId);

    /** Who is on call on each schedule at {@code at} (every one present; empty for an unknown schedule). */
    Map<UUID, List<UUID>> onCallAt(Collection<UUID> scheduleIds, Instant at);

    /** Each team's members in membership order (every team present, maybe empty). */
    Map<UUID, List<Member>> members(Collection<UUID> teamIds);

    /** Each person's contact methods (every person present, maybe empty). */
    Map<UUID, List<ContactMethod>> contactMethods(Collection<UUID> userIds);

    /** Each person's notification rules, of every urgency (every person present, maybe empty). */
    Map<UUID, List<NotificationRule>> rules(Collection<UUID> userIds);
}

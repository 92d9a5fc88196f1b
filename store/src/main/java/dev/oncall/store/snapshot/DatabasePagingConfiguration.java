package dev.oncall.store.snapshot;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.team.Member;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Paging's configuration read from the database inside the caller's transaction; who is on call
 * comes from the {@link OnCallLookup} (Redis-cached), whose reads join that transaction.
 */
public record DatabasePagingConfiguration(JdbcClient db, OnCallLookup onCall) implements PagingConfiguration {

    @Override
    public Optional<EscalationPolicy> policy(Optional<UUID> policyId, UUID serviceId) {
        Optional<EscalationPolicy> own = policyId.flatMap(p -> PolicyRepository.load(db, p));
        if (own.isPresent()) {
            return own;
        }
        return db.sql("SELECT escalation_policy_id FROM services WHERE id = :id").param("id", serviceId)
                .query(UUID.class).optional().flatMap(p -> PolicyRepository.load(db, p));
    }

    @Override
    public Map<UUID, List<UUID>> onCallAt(Collection<UUID> scheduleIds, Instant at) {
        return onCall.onCallAt(scheduleIds, at);
    }

    @Override
    public Map<UUID, List<Member>> members(Collection<UUID> teamIds) {
        return TeamRepository.membersByTeam(db, teamIds);
    }

    @Override
    public Map<UUID, List<ContactMethod>> contactMethods(Collection<UUID> userIds) {
        return ContactRepository.methodsByUser(db, Optional.of(userIds));
    }

    @Override
    public Map<UUID, List<NotificationRule>> rules(Collection<UUID> userIds) {
        return ContactRepository.rulesByUser(db, Optional.of(userIds));
    }
}

package dev.oncall.store.snapshot;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.team.Member;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * An immutable copy of everything paging reads of the configuration, as of one
 * {@linkplain dev.oncall.store.version.ConfigurationVersion configuration version}: policies with
 * their steps, which policy each service uses, schedules (settings, layers, and the overrides and
 * cover requests overlapping {@code [loadedAt, coversUntil)}), team members, and people's contact
 * methods and notification rules. On-call is answered by the same engine the database path uses
 * ({@link ScheduleEngine#onCallAt}), so for any instant it covers it answers what a fresh read at
 * this version would.
 *
 * @param rows how many configuration rows it holds (what its memory is proportional to)
 */
public record ConfigurationSnapshot(long version, Instant loadedAt, Instant coversUntil,
                                    Map<UUID, EscalationPolicy> policies, Map<UUID, UUID> servicePolicies,
                                    Map<UUID, Schedule> schedules, Map<UUID, List<Member>> teamMembers,
                                    Map<UUID, List<ContactMethod>> methods, Map<UUID, List<NotificationRule>> userRules,
                                    int rows) implements PagingConfiguration {
    public ConfigurationSnapshot {
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(coversUntil, "coversUntil");
        if (!coversUntil.isAfter(loadedAt)) {
            throw new IllegalArgumentException("a snapshot must cover some time after it was loaded");
        }
        policies = Map.copyOf(policies);
        servicePolicies = Map.copyOf(servicePolicies);
        schedules = Map.copyOf(schedules);
        teamMembers = copy(teamMembers);
        methods = copy(methods);
        userRules = copy(userRules);
    }

    /** How old it is at {@code now} (zero if {@code now} is before it was loaded). */
    public Duration age(Instant now) {
        Duration age = Duration.between(loadedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Whether on-call can be answered from it at {@code at}: it holds the overrides of that instant. */
    public boolean covers(Instant at) {
        return !at.isBefore(loadedAt) && at.isBefore(coversUntil);
    }

    @Override
    public Optional<EscalationPolicy> policy(Optional<UUID> policyId, UUID serviceId) {
        Optional<EscalationPolicy> own = policyId.map(policies::get);
        if (own.isPresent()) {
            return own;
        }
        return Optional.ofNullable(servicePolicies.get(serviceId)).map(policies::get);
    }

    /** @throws IllegalStateException when {@code at} is outside what it covers: better no page than a wrong one */
    @Override
    public Map<UUID, List<UUID>> onCallAt(Collection<UUID> scheduleIds, Instant at) {
        if (!covers(at)) {
            throw new IllegalStateException("the configuration snapshot of " + loadedAt + " covers until " + coversUntil
                    + ", not " + at);
        }
        return answer(scheduleIds, id -> Optional.ofNullable(schedules.get(id))
                .map(s -> ScheduleEngine.onCallAt(s, at).stream().map(UserRef::requireUuid).toList())
                .orElse(List.of()));
    }

    @Override
    public Map<UUID, List<Member>> members(Collection<UUID> teamIds) {
        return answer(teamIds, id -> teamMembers.getOrDefault(id, List.of()));
    }

    @Override
    public Map<UUID, List<ContactMethod>> contactMethods(Collection<UUID> userIds) {
        return answer(userIds, id -> methods.getOrDefault(id, List.of()));
    }

    @Override
    public Map<UUID, List<NotificationRule>> rules(Collection<UUID> userIds) {
        return answer(userIds, id -> userRules.getOrDefault(id, List.of()));
    }

    private static <T> Map<UUID, List<T>> answer(Collection<UUID> ids, Function<UUID, List<T>> one) {
        Map<UUID, List<T>> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, one.apply(id)));
        return out;
    }

    private static <T> Map<UUID, List<T>> copy(Map<UUID, List<T>> byId) {
        Map<UUID, List<T>> out = new LinkedHashMap<>();
        byId.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }
}

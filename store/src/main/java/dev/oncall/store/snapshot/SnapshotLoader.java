package dev.oncall.store.snapshot;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.team.Member;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.version.ConfigurationVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a whole {@link ConfigurationSnapshot} inside one read transaction, so every part of it is
 * of the one version it records. Policies and schedules are read one at a time through the same
 * loaders the fresh path uses (a few statements each): a reload happens only when the version
 * moves or the covered window runs short, never per page.
 */
final class SnapshotLoader {
    private SnapshotLoader() {}

    /**
     * @throws SnapshotTooLarge when the configuration holds more than {@code maxRows} rows: the
     *                          snapshot's memory stays bounded, and paging goes on without one
     */
    static ConfigurationSnapshot load(JdbcClient db, Instant now, Duration horizon, int maxRows) {
        long version = ConfigurationVersion.read(db);
        Instant until = now.plus(horizon);
        Rows rows = new Rows(maxRows);
        Map<UUID, EscalationPolicy> policies = new LinkedHashMap<>();
        for (UUID id : db.sql("SELECT id FROM escalation_policies").query(UUID.class).list()) {
            PolicyRepository.load(db, id).ifPresent(p -> {
                policies.put(id, p);
                rows.add(1 + p.steps().size() + p.steps().stream().mapToInt(s -> s.targets().size()).sum());
            });
        }
        Map<UUID, UUID> servicePolicies = new LinkedHashMap<>();
        db.sql("SELECT id, escalation_policy_id FROM services").query((rs, n) -> {
            servicePolicies.put(rs.getObject("id", UUID.class), rs.getObject("escalation_policy_id", UUID.class));
            return null;
        }).list();
        rows.add(servicePolicies.size());
        Map<UUID, Schedule> schedules = new LinkedHashMap<>();
        for (UUID id : db.sql("SELECT id FROM schedules").query(UUID.class).list()) {
            Optional<StoredSchedule> stored = ScheduleLoader.load(db, id, now, until);
            stored.ifPresent(s -> {
                schedules.put(id, s.toSchedule());
                rows.add(1 + s.layers().stream().mapToInt(l -> 1 + l.layer().participants().size()).sum()
                        + s.overrides().size() + s.coverRequests().size());
            });
        }
        Map<UUID, List<Member>> members = TeamRepository.allMembersByTeam(db);
        rows.add(members.values().stream().mapToInt(List::size).sum());
        Map<UUID, List<ContactMethod>> methods = ContactRepository.methodsByUser(db, Optional.empty());
        rows.add(methods.values().stream().mapToInt(List::size).sum());
        Map<UUID, List<NotificationRule>> rules = ContactRepository.rulesByUser(db, Optional.empty());
        rows.add(rules.values().stream().mapToInt(List::size).sum());
        return new ConfigurationSnapshot(version, now, until, policies, servicePolicies, schedules, members, methods,
                rules, rows.count);
    }

    /** Counts rows as they are read and stops the load as soon as there are too many. */
    private static final class Rows {
        private final int max;
        private int count;

        Rows(int max) {
            this.max = max;
        }

        void add(int n) {
            count += n;
            if (count > max) {
                throw new SnapshotTooLarge(max);
            }
        }
    }

    /** The configuration outgrew {@code oncall.escalation.snapshot.max-rows}. */
    static final class SnapshotTooLarge extends RuntimeException {
        SnapshotTooLarge(int max) {
            super("the configuration has more than " + max + " rows (oncall.escalation.snapshot.max-rows): "
                    + "no snapshot is kept");
        }
    }
}

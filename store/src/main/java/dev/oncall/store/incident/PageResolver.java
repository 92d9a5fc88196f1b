package dev.oncall.store.incident;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.incident.Escalation;
import dev.oncall.core.incident.FireDecision;
import dev.oncall.core.incident.Incident;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.snapshot.ConfigurationSnapshot;
import dev.oncall.store.snapshot.ConfigurationSnapshots;
import dev.oncall.store.snapshot.DatabasePagingConfiguration;
import dev.oncall.store.snapshot.PagingConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Decides what due step timers do and whom they page, reading the configuration (policy, who is
 * on call, team members, contact methods and rules) in one read transaction of its own whose
 * statements are bounded by {@code readTimeout}. When that read fails or runs out of time, the
 * same decision and the same rules are applied to this worker's {@link ConfigurationSnapshot}
 * instead, and the page says so; with no snapshot loaded yet the failure is the caller's, as
 * before (the timer stays and is fired again).
 *
 * <p>Only the reads move here: the page is still written by a conditional update in its own
 * transaction ({@link Paging}), which is what makes a step fire once whichever way it was resolved.
 */
public final class PageResolver {
    private static final Logger log = LoggerFactory.getLogger(PageResolver.class);

    /** What a due step timer does: the core decision, and for a page whom it reaches (empty when stale). */
    record Resolved(FireDecision decision, Optional<Page> page) {}

    /** A due step timer with the incident state it is decided on. */
    record Firing(DueTimer timer, Incident incident) {}

    private final Transactions tx;
    private final OnCallLookup onCall;
    private final ConfigurationSnapshots snapshots;
    private final Duration readTimeout;
    private final Counter fromSnapshot;

    public PageResolver(Transactions tx, OnCallLookup onCall, ConfigurationSnapshots snapshots, Duration readTimeout,
                        MeterRegistry meters) {
        this.tx = tx;
        this.onCall = onCall;
        this.snapshots = snapshots;
        this.readTimeout = readTimeout;
        this.fromSnapshot = Counter.builder("oncall.escalation.steps.from.snapshot")
                .description("Escalation steps resolved from the configuration snapshot because reading it failed")
                .register(meters);
    }

    /** One timer: empty when its incident has no policy any more (the timer is dropped). */
    Optional<Resolved> resolve(DueTimer timer, Incident incident, Instant at) {
        return Optional.ofNullable(resolve(List.of(new Firing(timer, incident)), at).get(timer.id()));
    }

    /** Several timers from one read; a timer whose incident has no policy any more has no entry. */
    Map<UUID, Resolved> resolve(List<Firing> firings, Instant at) {
        if (firings.isEmpty()) {
            return Map.of();
        }
        try {
            return tx.readWithin("escalation.resolve", readTimeout,
                    db -> resolveAll(new DatabasePagingConfiguration(db, onCall), firings, at, Optional.empty()));
        } catch (DataAccessException | TransactionException e) {
            Optional<ConfigurationSnapshot> snapshot = snapshots.current();
            if (snapshot.isEmpty()) {
                throw e;
            }
            ConfigurationSnapshot s = snapshot.get();
            Page.FromSnapshot from = new Page.FromSnapshot(s.version(), s.age(at));
            log.warn("configuration unreadable ({}): {} step(s) resolved from the snapshot of version {}, {}s old",
                    e.getMostSpecificCause().getMessage(), firings.size(), s.version(), from.age().toSeconds());
            Map<UUID, Resolved> resolved = resolveAll(s, firings, at, Optional.of(from));
            fromSnapshot.increment(firings.size());
            return resolved;
        }
    }

    private static Map<UUID, Resolved> resolveAll(PagingConfiguration config, List<Firing> firings, Instant at,
                                                  Optional<Page.FromSnapshot> from) {
        record PolicyKey(Optional<UUID> policy, UUID service) {}
        Map<PolicyKey, Optional<EscalationPolicy>> policies = new HashMap<>();
        Map<UUID, Resolved> out = new LinkedHashMap<>();
        for (Firing f : firings) {
            Incident incident = f.incident();
            Optional<EscalationPolicy> policy = policies.computeIfAbsent(
                    new PolicyKey(incident.policyId(), incident.serviceId()),
                    k -> config.policy(k.policy(), k.service()));
            if (policy.isEmpty()) {
                continue;
            }
            FireDecision decision = Escalation.fire(incident.escalationState(), policy.get(), f.timer().step(),
                    f.timer().loop());
            Optional<Page> page = switch (decision) {
                case FireDecision.Stale s -> Optional.empty();
                case FireDecision.NotifyStep n -> Optional.of(Recipients.page(config,
                        Recipients.targetsOf(config, n.targets(), at), incident.urgency(), from));
                case FireDecision.Exhaust e -> Optional.of(Recipients.page(config,
                        Recipients.Pending.team(incident.teamId()), incident.urgency(), from));
            };
            out.put(f.timer().id(), new Resolved(decision, page));
        }
        return out;
    }
}

package dev.oncall.worker.notify;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.Page;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.AckTokens;
import dev.oncall.store.notify.Failure;
import dev.oncall.store.notify.IncidentViews;
import dev.oncall.store.notify.Intent;
import dev.oncall.store.notify.NotificationStore;
import dev.oncall.store.notify.ReplyCodes;
import dev.oncall.store.user.ContactRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the region's due notification intents. One pass claims a batch, groups it by
 * person and contact method (several incidents due for one person on one method become one
 * bundled message), holds back groups over the person's rate limit, and sends each message on
 * its own virtual thread through its provider's retry and circuit breaker, so a slow or dead
 * provider never holds up another's messages. What the provider said is recorded per intent.
 *
 * <p>Effectively once: a sender that dies after claiming leaves its intents to be claimed again
 * when the claim expires. A duplicate needs the "sent" record missing when the claim expires:
 * a sender dying between the provider's acceptance and the commit, or the database away for
 * longer than the claim TTL (shorter outages are waited out, {@link OutcomeRecorder}); that
 * window is measured as {@code oncall.notification.duplicate.window} (docs/notifications.md).
 * Closing the sender (at shutdown) stops claiming and waits for what is in flight to be recorded.
 */
public final class Sender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    /** Everything a sender works with. */
    public record Parts(NotificationStore store, IncidentViews incidents, ContactRepository contacts,
                        ReplyCodes replyCodes, AckTokens tokens, ChannelRegistry channels, ProviderGuard guard) {}

    private final Parts parts;
    private final SenderProperties properties;
    private final String region;
    private final String worker;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService executor;
    private final Semaphore inFlight;
    private final InFlight sending = new InFlight();
    private final OutcomeRecorder recorder;

    public Sender(Parts parts, SenderProperties properties, String region, String worker, Clock clock,
                  MeterRegistry meters, ExecutorService executor) {
        this.parts = parts;
        this.properties = properties;
        this.region = region;
        this.worker = worker;
        this.clock = clock;
        this.meters = meters;
        this.executor = executor;
        // Bounds the messages in flight, so a provider that hangs cannot make the sender claim without end.
        this.inFlight = new Semaphore(Math.max(1, properties.batchSize() * 4));
        this.recorder = new OutcomeRecorder(clock, meters);
    }

    public String worker() {
        return worker;
    }

    /**
     * Claims what is due and starts sending it; the future completes when every message of
     * this pass is recorded. Returns at once with nothing claimed when the in-flight limit is reached.
     */
    public Pass runOnce() {
        int room = Math.min(properties.batchSize(), inFlight.availablePermits());
        if (room == 0 || sending.closed()) {
            return new Pass(0, CompletableFuture.completedFuture(null));
        }
        Instant now = clock.instant();
        List<Intent> claimed = parts.store().claim(region, worker, now, properties.claimTtl(), room);
        if (claimed.isEmpty()) {
            return new Pass(0, CompletableFuture.completedFuture(null));
        }
        Map<UUID, ContactMethod> methods = new LinkedHashMap<>();
        parts.contacts().methodsOf(claimed.stream().map(Intent::userId).distinct().toList())
                .forEach(m -> methods.put(m.id(), m));
        Map<UUID, IncidentViews.View> incidents = parts.incidents()
                .load(claimed.stream().map(Intent::incidentId).distinct().toList());

        Map<String, List<Intent>> groups = new LinkedHashMap<>();
        for (Intent i : claimed) {
            String key = i.userId() + "/" + i.contactMethodId().map(UUID::toString).orElse("none:" + i.id());
            if (i.channel() == ContactMethodType.WEBHOOK) {
                // A webhook page is signed with its team's secret, so one message holds one team's incidents.
                key += "/" + Optional.ofNullable(incidents.get(i.incidentId())).map(IncidentViews.View::teamId)
                        .map(UUID::toString).orElse("none");
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (List<Intent> group : groups.values()) {
            Optional<ContactMethod> method = group.getFirst().contactMethodId().map(methods::get);
            // Checked again at sending: the method may have been disabled, or given a new address
            // (which un-verifies it), since the intent was written.
            if (method.isEmpty() || !method.get().pageable()) {
                fail(group, "none", Failure.UNAVAILABLE, method.isEmpty() ? "the contact method was deleted"
                        : method.get().disabled() ? "the contact method is disabled"
                        : "the contact method is not verified", 0);
                continue;
            }
            if (held(group, now)) {
                continue;
            }
            inFlight.acquireUninterruptibly();
            sends.add(sending.track(CompletableFuture.runAsync(() -> deliver(group, method.get(), incidents), executor))
                    .whenComplete((ok, e) -> {
                        inFlight.release();
                        if (e != null) {
                            // The claim expires and another pass sends it again: nothing is lost.
                            log.error("sending {} intents of user {} stopped unrecorded; they will be retried after the claim expires",
                                    group.size(), group.getFirst().userId(), e);
                        }
                    }));
        }
        return new Pass(claimed.size(), CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null));
    }

    /** What one pass claimed, and when it is fully recorded. */
    public record Pass(int claimed, CompletableFuture<Void> done) {}

    /** Claims nothing more, and waits (at most a claim TTL) for the messages in flight to be recorded. */
    @Override
    public void close() {
        sending.close("sender " + worker, properties.claimTtl());
    }

    /** Over the person's rate limit for the channel: hold the group until the window has room. */
    private boolean held(List<Intent> group, Instant now) {
        SenderProperties.Limit limit = properties.limit(group.getFirst().channel());
        if (limit.messages() <= 0) {
            return false;
        }
        NotificationStore.RateWindow window = parts.store().sentSince(group.getFirst().userId(),
                group.getFirst().channel(), now.minus(limit.per()));
        if (window.messages() < limit.messages()) {
            return false;
        }
        Instant until = window.oldest().orElse(now).plus(limit.per());
        parts.store().release(group, worker, until, now);
        meters.counter("oncall.notification.held", "channel", group.getFirst().channel().code()).increment();
        log.info("{} intents for user {} on {} held until {} by the rate limit; they will go out bundled",
                group.size(), group.getFirst().userId(), group.getFirst().channel().code(), until);
        return true;
    }

    private void deliver(List<Intent> group, ContactMethod method, Map<UUID, IncidentViews.View> incidents) {
        Instant now = clock.instant();
        ContactMethodType type = method.type();
        String channelType = type.code();
        Map<UUID, PagedIncident> paged = new LinkedHashMap<>();
        Map<UUID, Delivery.Actions> actions = new LinkedHashMap<>();
        Optional<UUID> team = Optional.empty();
        for (Intent i : group) {
            IncidentViews.View view = incidents.get(i.incidentId());
            if (view == null || paged.containsKey(i.incidentId())) {
                continue;
            }
            team = team.or(() -> Optional.ofNullable(view.teamId()));
            PagedIncident p = view.paged();
            if (type == ContactMethodType.SMS) {
                p = p.withReplyCode(parts.replyCodes().assign(i.userId(), i.incidentId(), now));
            } else if (type != ContactMethodType.VOICE) {
                actions.put(i.incidentId(), new Delivery.Actions(
                        parts.tokens().issue(i.incidentId(), i.userId(), AckAction.ACKNOWLEDGE, now),
                        parts.tokens().issue(i.incidentId(), i.userId(), AckAction.RESOLVE, now)));
            }
            paged.put(i.incidentId(), p);
        }
        if (paged.isEmpty()) {
            return; // the incidents were deleted meanwhile, and their intents with them
        }
        Channel channel = parts.channels().forType(type);
        Delivery delivery = new Delivery(UUID.randomUUID(), group.getFirst().idempotencyKey(),
                new Page(method.userId(), List.copyOf(paged.values())), method, actions, team);
        ProviderGuard.Outcome outcome = parts.guard().send(channel, delivery);
        if (outcome.calls() > 1) {
            meters.counter("oncall.notification.attempts", "channel", channelType, "outcome", "retry")
                    .increment(outcome.calls() - 1);
        }
        if (outcome.accepted()) {
            // From here until the commit below, the claim expiring means the person gets this message twice.
            Timer.Sample window = Timer.start(meters);
            Instant sentAt = clock.instant();
            String providerMessageId = outcome.receipt().providerMessageId();
            Optional<List<UUID>> held = recorder.record("notify.sent", channelType, claimedUntil(group),
                    () -> parts.store().markSent(group, worker, channel.provider(), providerMessageId,
                            delivery.messageId(), outcome.calls(), sentAt));
            window.stop(Timer.builder("oncall.notification.duplicate.window")
                    .description("From the provider's acceptance of a message to the commit of its record: "
                            + "a claim expiring inside it is the only way a page is sent twice")
                    .tag("channel", channelType).publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                    .register(meters));
            meters.counter("oncall.notification.attempts", "channel", channelType, "outcome", "accepted").increment();
            if (held.isEmpty()) {
                log.error("message {} ({} intents of user {}) was accepted by {} as {}, but the database stayed away "
                                + "until the claim expired: it may be sent again", delivery.messageId(), group.size(),
                        group.getFirst().userId(), channel.provider(), providerMessageId);
            } else if (held.get().size() < group.size()) {
                meters.counter("oncall.notification.claims.lost", "channel", channelType).increment();
                log.warn("message {} was sent after our claim on {} of its intents expired; another sender may have sent them too",
                        delivery.messageId(), group.size() - held.get().size());
            }
            return;
        }
        DeliveryException failure = outcome.failure();
        if (failure.kind() == DeliveryException.Kind.UNREGISTERED) {
            parts.contacts().disable(method.id(), "the provider reported the address unregistered");
            log.info("contact method {} of user {} disabled: {}", method.id(), method.userId(), failure.getMessage());
        }
        fail(group, channel.provider(), failure.failure(), failure.getMessage(), outcome.calls());
    }

    /** When the claim the group was taken under expires by this sender's clock. */
    private Instant claimedUntil(List<Intent> group) {
        return group.getFirst().claimedUntil().orElseThrow(() -> new IllegalStateException("an intent not claimed"));
    }

    private void fail(List<Intent> group, String provider, Failure failure, String error, int calls) {
        Instant now = clock.instant();
        // A failure lost to an outage is no duplicate, but the person's next method would wait for the claim to expire.
        if (recorder.record("notify.failed", group.getFirst().channel().code(), claimedUntil(group), () -> {
            parts.store().markFailed(group, worker, provider, failure, error, calls, now);
            return true;
        }).isEmpty()) {
            log.warn("{} intents of user {} failed ({}), unrecorded: the database stayed away until the claim expired",
                    group.size(), group.getFirst().userId(), failure.code());
            return;
        }
        meters.counter("oncall.notification.attempts", "channel", group.getFirst().channel().code(), "outcome", "failed")
                .increment();
        log.info("{} intents of user {} on {} failed ({}): {}", group.size(), group.getFirst().userId(),
                group.getFirst().channel().code(), failure.code(), error);
    }
}

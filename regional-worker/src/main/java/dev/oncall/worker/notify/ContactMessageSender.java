package dev.oncall.worker.notify;

import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.core.notify.Message;
import dev.oncall.core.notify.Notice;
import dev.oncall.core.notify.Verification;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.verification.VerificationCode;
import dev.oncall.store.notify.ContactMessage;
import dev.oncall.store.notify.ContactMessages;
import dev.oncall.store.user.ContactRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the region's verification codes and test notifications: the same channels, providers,
 * retries and circuit breakers as pages ({@link ChannelRegistry}, {@link ProviderGuard}), but a
 * message of its own kind, about no incident. A code is made here, just before it is sent, and
 * only its hash is stored first; the code itself lives only in this call and the message. A
 * webhook gets a challenge instead, and echoing it verifies the method at once.
 *
 * <p>A message is sent only while it still makes sense: to the address it was asked for, to a
 * method not verified meanwhile (codes) or still verified (tests), before the code expires.
 * Otherwise it is cancelled, with the reason on its record. What the provider said is recorded
 * through a database outage while the claim holds ({@link OutcomeRecorder}), as for pages.
 */
public final class ContactMessageSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContactMessageSender.class);

    /** What it works with. {@code random} makes codes and challenges: a {@link java.security.SecureRandom}. */
    public record Parts(ContactMessages messages, ContactRepository contacts, ChannelRegistry channels,
                        ProviderGuard guard, RandomGenerator random) {}

    private final Parts parts;
    private final SenderProperties properties;
    private final String worker;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService executor;
    private final InFlight sending = new InFlight();
    private final OutcomeRecorder recorder;

    public ContactMessageSender(Parts parts, SenderProperties properties, String worker, Clock clock,
                                MeterRegistry meters, ExecutorService executor) {
        this.parts = parts;
        this.properties = properties;
        this.worker = worker;
        this.clock = clock;
        this.meters = meters;
        this.executor = executor;
        this.recorder = new OutcomeRecorder(clock, meters);
    }

    /** Claims what is due and sends each message on its own thread; the pass's future completes when all are recorded. */
    public Sender.Pass runOnce() {
        if (sending.closed()) {
            return new Sender.Pass(0, CompletableFuture.completedFuture(null));
        }
        Instant now = clock.instant();
        Instant claimedUntil = now.plus(properties.claimTtl());
        List<ContactMessage> claimed = parts.messages().claim(worker, now, properties.claimTtl(), properties.batchSize());
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (ContactMessage m : claimed) {
            sends.add(sending.track(CompletableFuture.runAsync(() -> deliver(m, claimedUntil), executor)).whenComplete((ok, e) -> {
                if (e != null) {
                    // The claim expires and another pass takes it again: nothing is lost.
                    log.error("sending contact message {} stopped unrecorded; it will be retried after the claim expires",
                            m.id(), e);
                }
            }));
        }
        return new Sender.Pass(claimed.size(), CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null));
    }

    /** Claims nothing more, and waits (at most a claim TTL) for the messages in flight to be recorded. */
    @Override
    public void close() {
        sending.close("contact message sender " + worker, properties.claimTtl());
    }

    private void deliver(ContactMessage m, Instant claimedUntil) {
        Instant now = clock.instant();
        Optional<ContactMethod> found = parts.contacts().findMethod(m.contactMethodId());
        if (found.isEmpty()) {
            return; // the method was deleted, and its messages with it
        }
        ContactMethod method = found.get();
        Optional<String> obsolete = obsolete(m, method, now);
        if (obsolete.isPresent()) {
            parts.messages().cancel(m.id(), worker, obsolete.get(), now);
            count(m, "cancelled");
            log.info("{} message {} to contact method {} not sent: {}", m.kind().code(), m.id(), method.id(),
                    obsolete.get());
            return;
        }
        Message message;
        if (m.kind() == ContactMessageKind.VERIFICATION) {
            boolean webhook = method.type() == ContactMethodType.WEBHOOK;
            String secret = webhook ? VerificationCode.newChallenge(parts.random())
                    : VerificationCode.newCode(parts.random());
            // The hash goes first: the code may be read off the phone before the send is recorded.
            if (!webhook && !parts.messages().storeCode(m.id(), worker, VerificationCode.hash(m.id(), secret), now)) {
                log.warn("verification message {} was taken over by another worker before it was sent", m.id());
                return;
            }
            message = new Verification(method.userId(), secret);
        } else {
            message = Notice.test(method.userId());
        }
        Channel channel = parts.channels().forType(method.type());
        Delivery delivery = new Delivery(m.id(), m.kind().code() + ":" + m.id(), message, method, Map.of());
        ProviderGuard.Outcome outcome = parts.guard().send(channel, delivery);
        if (outcome.accepted()) {
            boolean proven = m.kind() == ContactMessageKind.VERIFICATION && outcome.receipt().challengeAnswered();
            Instant sentAt = clock.instant();
            if (recorder.record("contactMessage.sent", method.type().code(), claimedUntil, () -> {
                parts.messages().markSent(m, worker, channel.provider(), outcome.receipt().providerMessageId(),
                        outcome.calls(), proven, sentAt);
                return true;
            }).isEmpty()) {
                log.error("{} message {} was accepted by {} as {}, but the database stayed away until the claim expired: "
                        + "it may be sent again", m.kind().code(), m.id(), channel.provider(),
                        outcome.receipt().providerMessageId());
                return;
            }
            count(m, "sent");
            log.info("{} message {} to contact method {} of user {} sent via {}{}", m.kind().code(), m.id(), method.id(),
                    method.userId(), channel.provider(), proven ? "; the webhook answered its challenge and is verified" : "");
            return;
        }
        DeliveryException failure = outcome.failure();
        if (failure.kind() == DeliveryException.Kind.UNREGISTERED) {
            parts.contacts().disable(method.id(), "the provider reported the address unregistered");
        }
        Instant failedAt = clock.instant();
        recorder.record("contactMessage.failed", method.type().code(), claimedUntil, () -> {
            parts.messages().markFailed(m.id(), worker, channel.provider(), failure.failure().code() + ": "
                    + failure.getMessage(), outcome.calls(), failedAt);
            return true;
        });
        count(m, "failed");
        log.info("{} message {} to contact method {} of user {} failed ({}): {}", m.kind().code(), m.id(), method.id(),
                method.userId(), failure.failure().code(), failure.getMessage());
    }

    /** Why the message should no longer go out, if it should not. */
    private static Optional<String> obsolete(ContactMessage m, ContactMethod method, Instant now) {
        if (!method.address().equals(m.address())) {
            return Optional.of("the address changed");
        }
        if (method.disabled()) {
            return Optional.of("the contact method is disabled");
        }
        if (m.kind() == ContactMessageKind.VERIFICATION) {
            if (method.verified()) {
                return Optional.of("the contact method was verified meanwhile");
            }
            if (m.expiresAt().map(e -> !now.isBefore(e)).orElse(false)) {
                return Optional.of("the code expired before it could be sent");
            }
        } else if (!method.verified()) {
            return Optional.of("the contact method is not verified");
        }
        return Optional.empty();
    }

    private void count(ContactMessage m, String outcome) {
        meters.counter("oncall.contact.messages", "kind", m.kind().code(), "outcome", outcome).increment();
    }
}

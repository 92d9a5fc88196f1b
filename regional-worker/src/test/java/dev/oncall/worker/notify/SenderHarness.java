package dev.oncall.worker.notify;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.oncall.store.notify.AckProperties;
import dev.oncall.store.notify.AckTokens;
import dev.oncall.store.notify.ContactMessages;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.store.notify.IncidentEventLog;
import dev.oncall.store.notify.IncidentViews;
import dev.oncall.store.notify.NotificationStore;
import dev.oncall.store.notify.NotifyFixture;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.notify.ReplyCodes;
import dev.oncall.store.notify.TeamWebhookSecrets;
import dev.oncall.store.outbound.HostResolver;
import dev.oncall.store.outbound.OutboundGuard;
import dev.oncall.core.outbound.OutboundRule;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The sender wired by hand over a fresh database, with every provider a local server and a
 * clock the test moves: a test builds one per case so regions, breakers and clocks never leak
 * between cases.
 */
final class SenderHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String ACK_KEY = "test-ack-signing-key-0123456789abcdef";
    static final String TWILIO_SID = "AC00000000000000000000000000000001";
    static final String TWILIO_TOKEN = "twilio-auth-token";
    static final String WEBHOOK_SECRET = "webhook-secret";
    static final String WEBHOOK_ENCRYPTION_KEY = "test-webhook-encryption-key-0123456789";

    final StoreFixture store;
    final NotifyFixture fx;
    final MutableClock clock = new MutableClock(T0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AckProperties ack = new AckProperties(ACK_KEY, Duration.ofHours(24), "https://oncall.example.com");
    final NotifyProperties notify;
    final SenderProperties properties;
    final ProviderGuard guard;
    final ChannelRegistry channels;
    final AckTokens tokens;
    final NotificationStore notifications;
    final TeamWebhookSecrets webhookSecrets;
    /** The names the outbound guard resolves, as a test's DNS: name to address. */
    final Map<String, String> dns = new ConcurrentHashMap<>();
    final ContactMessages messages;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Sender> senders = new ArrayList<>();

    /** Providers: the servers tests point channels at; any may be null when a test does not use it. */
    record Providers(FakeProvider twilio, FakeProvider fcm, FakeProvider slack, String smtpHost, int smtpPort) {}

    SenderHarness(StoreFixture store, Providers providers, UnaryOperator<Map<String, SenderProperties.Limit>> limits)
            throws IOException {
        this(store, providers, limits, "", Duration.ofSeconds(1));
    }

    /**
     * @param redisUrl      the Redis the "sent" records wake subscribers through; empty for none
     * @param twilioTimeout how long the Twilio client waits for an answer (a provider that does
     *                      something slow before answering, such as stopping the database, needs more)
     */
    SenderHarness(StoreFixture store, Providers providers, UnaryOperator<Map<String, SenderProperties.Limit>> limits,
                  String redisUrl, Duration twilioTimeout) throws IOException {
        this.store = store;
        this.fx = new NotifyFixture(store, "region-" + UUID.randomUUID());
        this.notify = new NotifyProperties(
                new NotifyProperties.Channels(NotifyProperties.Mode.AUTO, NotifyProperties.Mode.AUTO,
                        NotifyProperties.Mode.AUTO, NotifyProperties.Mode.AUTO, NotifyProperties.Mode.AUTO,
                        NotifyProperties.Mode.AUTO),
                new NotifyProperties.Twilio(TWILIO_SID, TWILIO_TOKEN, "+15005550006",
                        url(providers.twilio()), twilioTimeout, true),
                new NotifyProperties.Slack("xoxb-test", "slack-secret", url(providers.slack()) + "/api",
                        Duration.ofSeconds(1), Duration.ofMinutes(5), List.of("hooks.slack.com")),
                new NotifyProperties.Fcm(true, "", "test-project", url(providers.fcm()), Duration.ofSeconds(2), "oncall-page"),
                new NotifyProperties.Email("Oncall <oncall@example.com>"),
                // The local receivers listen on loopback, allow-listed as an operator would for internal receivers.
                new NotifyProperties.Webhook(WEBHOOK_SECRET, Duration.ofSeconds(1), List.of("127.0.0.0/8"),
                        WEBHOOK_ENCRYPTION_KEY, Duration.ofHours(24)));
        this.webhookSecrets = new TeamWebhookSecrets(store.tx, notify.webhook());
        Map<String, SenderProperties.Limit> unlimited = new HashMap<>();
        for (String channel : List.of("push", "sms", "voice", "email", "slack", "webhook")) {
            unlimited.put(channel, new SenderProperties.Limit(0, Duration.ofMinutes(1)));
        }
        this.properties = new SenderProperties(false, Duration.ofSeconds(1), 50, Duration.ofSeconds(30),
                new SenderProperties.Retry(3, Duration.ofMillis(1), 2.0, 0.5, Duration.ofMillis(5)),
                new SenderProperties.Breaker(50, 4, 10, Duration.ofHours(1), 1),
                limits.apply(unlimited));
        this.guard = new ProviderGuard(properties, meters);
        this.channels = new ChannelRegistry(channels(providers));
        this.tokens = new AckTokens(ack, store.tx);
        this.messages = new ContactMessages(store.tx, fx.region);
        this.notifications = new NotificationStore(store.tx, new IncidentEventLog(
                new IncidentEventPublisher(new RedisConnections(TestInfrastructure.storeProperties("t", redisUrl).redis()))));
    }

    private static String url(FakeProvider p) {
        return p == null ? "http://127.0.0.1:9" : p.url();
    }

    private List<Channel> channels(Providers providers) {
        ActionLinks links = new ActionLinks(ack);
        TwilioApi twilio = new TwilioApi(notify.twilio(), ack);
        List<Channel> list = new ArrayList<>();
        list.add(new TwilioSmsChannel(twilio));
        list.add(new TwilioVoiceChannel(twilio, ack));
        list.add(new SlackChannel(notify.slack()));
        list.add(new WebhookChannel(notify.webhook(), outboundGuard(), webhookSecrets, links, clock));
        if (providers.fcm() != null) {
            list.add(new FcmChannel(FcmApps.create(notify.fcm(), () -> GoogleCredentials.create(
                    new AccessToken("fake-oauth-token", new Date(4102444800000L)))), notify.fcm()));
        }
        if (providers.smtpHost() != null) {
            org.springframework.mail.javamail.JavaMailSenderImpl mail = new org.springframework.mail.javamail.JavaMailSenderImpl();
            mail.setHost(providers.smtpHost());
            mail.setPort(providers.smtpPort());
            list.add(new EmailChannel(mail, notify.email(), links));
        }
        return list;
    }

    OutboundGuard outboundGuard() {
        return new OutboundGuard(OutboundRule.allowing(notify.webhook().allowedNetworks()), resolver());
    }

    /** Resolves the names in {@link #dns}, and no others. */
    HostResolver resolver() {
        return host -> {
            String address = dns.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    Sender sender(String worker) {
        return sender(worker, channels);
    }

    Sender sender(String worker, ChannelRegistry registry) {
        Sender sender = new Sender(new Sender.Parts(notifications, new IncidentViews(store.tx), store.contacts,
                new ReplyCodes(store.tx), tokens, registry, guard), properties, fx.region, worker, clock, meters, executor);
        senders.add(sender);
        return sender;
    }

    /** The sender of verification codes and test notifications, making codes with {@code random}. */
    ContactMessageSender contactSender(String worker, ChannelRegistry registry, RandomGenerator random) {
        return new ContactMessageSender(new ContactMessageSender.Parts(messages, store.contacts, registry, guard, random),
                properties, worker, clock, meters, executor);
    }

    ContactMessageSender contactSender(String worker) {
        return contactSender(worker, channels, new SecureRandom());
    }

    /** One pass of {@code sender}, waiting until everything it claimed is recorded. */
    static int pass(Sender sender) {
        return pass(sender.runOnce());
    }

    static int pass(ContactMessageSender sender) {
        return pass(sender.runOnce());
    }

    private static int pass(Sender.Pass pass) {
        pass.done().join();
        return pass.claimed();
    }

    double count(String meter, String... tags) {
        var search = meters.find(meter).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    @Override
    public void close() throws Exception {
        channels.close();
        executor.shutdownNow();
    }
}

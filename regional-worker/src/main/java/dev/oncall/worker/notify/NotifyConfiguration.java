package dev.oncall.worker.notify;

import dev.oncall.core.user.ContactMethodType;
import dev.oncall.platform.PlatformProperties;
import dev.oncall.store.notify.AckProperties;
import dev.oncall.store.notify.AckTokens;
import dev.oncall.store.notify.ContactMessages;
import dev.oncall.store.notify.HandoffNotices;
import dev.oncall.store.notify.IncidentViews;
import dev.oncall.store.notify.NotificationStore;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.notify.ReplyCodes;
import dev.oncall.store.notify.TeamWebhookSecrets;
import dev.oncall.store.outbound.OutboundGuard;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.user.ContactRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Notification delivery in the regional worker: channels per deployment, the sender and its loop. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SenderProperties.class, HandoffProperties.class})
public class NotifyConfiguration {

    @Bean(destroyMethod = "close")
    public ChannelRegistry channelRegistry(NotifyProperties notify, AckProperties ack, Clock clock,
                                           OutboundGuard outbound, TeamWebhookSecrets webhookSecrets,
                                           ObjectProvider<JavaMailSender> mail,
                                           ObjectProvider<FcmApps.Credentials> fcmCredentials) {
        ActionLinks links = new ActionLinks(ack);
        NotifyProperties.Channels modes = notify.channels();
        TwilioApi twilio = new TwilioApi(notify.twilio(), ack);
        List<Channel> channels = new ArrayList<>();
        channels.add(pick(ContactMethodType.PUSH, modes.push(), notify.fcm().configured(),
                () -> new FcmChannel(FcmApps.create(notify.fcm(),
                        fcmCredentials.getIfAvailable(() -> FcmApps.Credentials.of(notify.fcm()))), notify.fcm())));
        channels.add(pick(ContactMethodType.SMS, modes.sms(), notify.twilio().configured(), () -> new TwilioSmsChannel(twilio)));
        channels.add(pick(ContactMethodType.VOICE, modes.voice(), notify.twilio().configured(), () -> new TwilioVoiceChannel(twilio, ack)));
        JavaMailSender sender = mail.getIfAvailable();
        channels.add(pick(ContactMethodType.EMAIL, modes.email(), sender != null,
                () -> new EmailChannel(sender, notify.email(), links)));
        channels.add(pick(ContactMethodType.SLACK, modes.slack(), notify.slack().configured(), () -> new SlackChannel(notify.slack())));
        channels.add(pick(ContactMethodType.WEBHOOK, modes.webhook(), notify.webhook().configured(),
                () -> new WebhookChannel(notify.webhook(), outbound, webhookSecrets, links, clock)));
        return new ChannelRegistry(channels);
    }

    private static Channel pick(ContactMethodType type, NotifyProperties.Mode mode, boolean configured,
                                java.util.function.Supplier<Channel> provider) {
        return switch (mode) {
            case LOG -> new LogChannel(type);
            case DISABLED -> new DisabledChannel(type);
            case AUTO -> configured ? provider.get() : new DisabledChannel(type);
            case PROVIDER -> {
                if (!configured) {
                    throw new IllegalStateException("oncall.notify.channels." + type.code()
                            + " is 'provider' but its provider is not configured (see docs/notifications.md)");
                }
                yield provider.get();
            }
        };
    }

    @Bean
    public ProviderGuard providerGuard(SenderProperties properties, MeterRegistry meters) {
        return new ProviderGuard(properties, meters);
    }

    @Bean(destroyMethod = "close")
    public ExecutorService notificationExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean
    public Sender notificationSender(NotificationStore store, IncidentViews incidents, ContactRepository contacts,
                                     ReplyCodes replyCodes, AckTokens tokens, ChannelRegistry channels,
                                     ProviderGuard guard, SenderProperties properties, PlatformProperties storeProperties,
                                     Clock clock, MeterRegistry meters, ExecutorService notificationExecutor) {
        return new Sender(new Sender.Parts(store, incidents, contacts, replyCodes, tokens, channels, guard), properties,
                storeProperties.region(), workerId(), clock, meters, notificationExecutor);
    }

    @Bean
    @ConditionalOnProperty(name = "oncall.notify.sender.enabled", havingValue = "true", matchIfMissing = true)
    public Repeating notificationSenderLoop(Sender sender, SenderProperties properties) {
        return new Repeating("notification-sender", () -> sender.runOnce().claimed() > 0, properties.pollInterval());
    }

    @Bean
    public ContactMessageSender contactMessageSender(ContactMessages messages, ContactRepository contacts,
                                                     ChannelRegistry channels, ProviderGuard guard,
                                                     SenderProperties properties, Clock clock, MeterRegistry meters,
                                                     ExecutorService notificationExecutor) {
        return new ContactMessageSender(new ContactMessageSender.Parts(messages, contacts, channels, guard,
                new SecureRandom()), properties, workerId(), clock, meters, notificationExecutor);
    }

    @Bean
    @ConditionalOnProperty(name = "oncall.notify.sender.enabled", havingValue = "true", matchIfMissing = true)
    public Repeating contactMessageSenderLoop(ContactMessageSender sender, SenderProperties properties) {
        return new Repeating("contact-message-sender", () -> sender.runOnce().claimed() > 0, properties.pollInterval());
    }

    /** Redeemed tokens are kept only until they would have expired anyway. */
    @Bean
    @ConditionalOnProperty(name = "oncall.notify.sender.enabled", havingValue = "true", matchIfMissing = true)
    public Repeating redeemedTokenPurge(AckTokens tokens, Clock clock) {
        return new Repeating("redeemed-token-purge", () -> {
            tokens.purgeExpired(clock.instant());
            return false;
        }, java.time.Duration.ofHours(1));
    }

    @Bean
    public HandoffNotifier handoffNotifier(Schedules schedules, ScheduleLoader scheduleLoader, ContactRepository contacts,
                                           HandoffNotices notices, ChannelRegistry channels, ProviderGuard guard,
                                           HandoffProperties properties, Clock clock) {
        return new HandoffNotifier(schedules, scheduleLoader, contacts, notices, channels, guard, properties, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "oncall.notify.handoff.enabled", havingValue = "true")
    public Repeating handoffNotifierLoop(HandoffNotifier notifier, HandoffProperties properties) {
        return new Repeating("shift-notices", () -> {
            notifier.runOnce();
            return false;
        }, properties.interval());
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}

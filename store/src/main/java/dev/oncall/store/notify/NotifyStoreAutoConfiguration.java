package dev.oncall.store.notify;

import dev.oncall.platform.config.PlatformAutoConfiguration;
import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.incident.IncidentAutoConfiguration;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.IncidentEventPublisher;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The notification state both apps share: intents, receipts, reply codes, acknowledgement tokens
 * and paths, verification codes and test notifications.
 */
@AutoConfiguration(after = {PlatformAutoConfiguration.class, IncidentAutoConfiguration.class})
@EnableConfigurationProperties({NotifyProperties.class, AckProperties.class})
public class NotifyStoreAutoConfiguration {

    @Bean
    public IncidentEventLog incidentEventLog(IncidentEventPublisher publisher) {
        return new IncidentEventLog(publisher);
    }

    @Bean
    public NotificationStore notificationStore(Transactions tx, IncidentEventLog events) {
        return new NotificationStore(tx, events);
    }

    @Bean
    public Receipts receipts(Transactions tx, IncidentEventLog events) {
        return new Receipts(tx, events);
    }

    @Bean
    public ReplyCodes replyCodes(Transactions tx) {
        return new ReplyCodes(tx);
    }

    @Bean
    public AckTokens ackTokens(AckProperties properties, NotifyProperties notify, Environment environment,
                               Transactions tx) {
        LocalOnlyKeys.refuseOutsideLocal(environment, properties, notify.webhook());
        return new AckTokens(properties, tx);
    }

    @Bean
    public HandoffNotices handoffNotices(Transactions tx) {
        return new HandoffNotices(tx);
    }

    @Bean
    public Acknowledgements acknowledgements(AckTokens tokens, IncidentCommands commands, Clock clock) {
        return new Acknowledgements(tokens, commands, clock);
    }

    @Bean
    public IncidentViews incidentViews(Transactions tx) {
        return new IncidentViews(tx);
    }

    @Bean
    public TeamWebhookSecrets teamWebhookSecrets(Transactions tx, NotifyProperties notify) {
        return new TeamWebhookSecrets(tx, notify.webhook());
    }

    @Bean
    public ContactMessages contactMessages(Transactions tx, PlatformProperties store) {
        return new ContactMessages(tx, store.region());
    }

    @Bean
    public Verifications verifications(Transactions tx) {
        return new Verifications(tx);
    }
}

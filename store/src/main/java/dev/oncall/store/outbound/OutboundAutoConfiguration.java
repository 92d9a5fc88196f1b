package dev.oncall.store.outbound;

import dev.oncall.core.outbound.OutboundRule;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.notify.NotifyStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Where requests to user-chosen URLs may go, the same in every app (docs/notifications.md). */
@AutoConfiguration(after = NotifyStoreAutoConfiguration.class)
@EnableConfigurationProperties(NotifyProperties.class)
public class OutboundAutoConfiguration {

    /** The platform's resolver, unless a test provides one. */
    @Bean
    @ConditionalOnMissingBean
    public HostResolver hostResolver() {
        return HostResolver.SYSTEM;
    }

    @Bean
    public OutboundGuard outboundGuard(NotifyProperties notify, HostResolver resolver) {
        OutboundRule rule;
        try {
            rule = OutboundRule.allowing(notify.webhook().allowedNetworks());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("oncall.notify.webhook.allowed-networks: " + e.getMessage(), e);
        }
        return new OutboundGuard(rule, resolver);
    }
}

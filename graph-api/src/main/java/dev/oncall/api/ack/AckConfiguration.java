package dev.oncall.api.ack;

import dev.oncall.store.notify.AckTokens;
import dev.oncall.core.validation.FieldError;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The acknowledgement paths: tokens, provider webhooks and the raw-body filter Slack signatures need. */
@Configuration(proxyBeanMethods = false)
public class AckConfiguration {

    @Bean
    public Acknowledger acknowledger(AckTokens tokens, ObjectProvider<IncidentActions> actions, Clock clock) {
        return new Acknowledger(tokens, actions.getIfAvailable(() -> (incident, user, action, channel) ->
                new IncidentActions.Outcome(false, "", List.of(new FieldError("incidentId",
                        "incident commands are not available in this build")))), clock);
    }

    @Bean
    public FilterRegistrationBean<RawBodyFilter> slackRawBodyFilter() {
        FilterRegistrationBean<RawBodyFilter> registration = new FilterRegistrationBean<>(new RawBodyFilter());
        registration.addUrlPatterns("/webhooks/slack/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

package dev.oncall.api.ack;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The raw-body filter Slack signatures need, and the body limit of the other open acknowledgement
 * paths (the paths themselves are controllers over {@code Acknowledgements}).
 */
@Configuration(proxyBeanMethods = false)
public class AckConfiguration {

    @Bean
    public FilterRegistrationBean<RawBodyFilter> slackRawBodyFilter() {
        FilterRegistrationBean<RawBodyFilter> registration = new FilterRegistrationBean<>(new RawBodyFilter());
        registration.addUrlPatterns("/webhooks/slack/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<AckBodyLimitFilter> ackBodyLimitFilter() {
        FilterRegistrationBean<AckBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new AckBodyLimitFilter(AckBodyLimitFilter.MAX_BYTES));
        registration.addUrlPatterns("/ack", "/ack/*", "/webhooks/twilio/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

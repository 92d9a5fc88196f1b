package dev.oncall.api.ack;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The raw-body filter Slack signatures need (the paths themselves are controllers over {@code Acknowledgements}). */
@Configuration(proxyBeanMethods = false)
public class AckConfiguration {

    @Bean
    public FilterRegistrationBean<RawBodyFilter> slackRawBodyFilter() {
        FilterRegistrationBean<RawBodyFilter> registration = new FilterRegistrationBean<>(new RawBodyFilter());
        registration.addUrlPatterns("/webhooks/slack/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

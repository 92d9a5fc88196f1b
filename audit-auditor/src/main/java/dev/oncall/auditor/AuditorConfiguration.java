package dev.oncall.auditor;

import dev.oncall.auditor.heartbeat.HeartbeatPing;
import dev.oncall.auditor.outage.DatabaseOutagePage;
import dev.oncall.auditor.page.EmailChannel;
import dev.oncall.auditor.page.EventsApiChannel;
import dev.oncall.auditor.page.PageChannel;
import dev.oncall.auditor.page.Pager;
import dev.oncall.auditor.page.WebhookChannel;
import dev.oncall.auditor.run.AuditPass;
import dev.oncall.auditor.run.Auditor;
import dev.oncall.store.audit.AuditEpisodes;
import dev.oncall.store.audit.AuditRuns;
import dev.oncall.store.audit.Liveness;
import dev.oncall.store.audit.ScheduleSnapshots;
import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.oncall.OnCallCache;
import dev.oncall.store.oncall.OnCallCacheProperties;
import dev.oncall.platform.periodic.PeriodicTask;
import dev.oncall.platform.redis.RedisConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The auditor's parts, built from the store's database, Redis and clock. The context starts
 * without the database ({@code spring.main.lazy-initialization} in application.yml): only what
 * pages and pings is built at start (and refuses a wrong configuration then); the auditor and
 * everything on the database are built by the first pass that needs them, so a database that
 * cannot be reached fails a pass, which pages it, rather than the start, which could not.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuditProperties.class, OnCallCacheProperties.class})
public class AuditorConfiguration {

    @Bean
    public Pager auditPager(AuditProperties properties, ObjectProvider<JavaMailSender> mail) {
        List<PageChannel> channels = new ArrayList<>();
        AuditProperties.Page page = properties.page();
        if (page.configured()) {
            channels.add(new EventsApiChannel(page.url(), page.routingKey(), page.timeout(), page.attempts()));
        }
        if (properties.fallback().configured()) {
            channels.add(new WebhookChannel(properties.fallback().webhookUrl(), page.timeout(), page.attempts()));
        }
        if (properties.fallback().emailConfigured()) {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("oncall.audit.fallback.email-to is set but no SMTP server is:"
                        + " set spring.mail.host (and spring.mail.port, username, password as needed)");
            }
            channels.add(new EmailChannel(sender, properties.fallback().emailFrom(), properties.fallback().emailTo()));
        }
        return new Pager(channels);
    }

    @Bean
    public HeartbeatPing auditHeartbeat(AuditProperties properties, ObjectProvider<MeterRegistry> meters) {
        AuditProperties.Heartbeat heartbeat = properties.heartbeat();
        return new HeartbeatPing(heartbeat.url(), heartbeat.timeout(), heartbeat.attempts(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public DatabaseOutagePage databaseOutagePage(Pager pager, RedisConnections redis, AuditProperties properties,
                                                 PlatformProperties store, Clock clock,
                                                 ObjectProvider<MeterRegistry> meters) {
        return new DatabaseOutagePage(pager, redis, store.region(), properties.episodeRetention(), clock,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public AuditPass auditPass(ObjectProvider<Auditor> auditor, DatabaseOutagePage outage, HeartbeatPing heartbeat) {
        return new AuditPass(auditor::getObject, outage, heartbeat);
    }

    /** What is built at start although the context is lazy: the parts that work without the database. */
    @Bean
    public static LazyInitializationExcludeFilter auditorEagerParts() {
        return LazyInitializationExcludeFilter.forBeanTypes(Pager.class, HeartbeatPing.class, DatabaseOutagePage.class,
                AuditPass.class);
    }

    @Bean
    public Auditor auditor(Transactions tx, RedisConnections redis, OnCallCacheProperties cacheProperties, Pager pager,
                           AuditProperties properties, PlatformProperties store, Clock clock,
                           ObjectProvider<MeterRegistry> meters) {
        Auditor.Settings settings = new Auditor.Settings(store.region(), properties.regions(), properties.pageSize(),
                properties.materializationGrace(), properties.workerSilence(), properties.timerOverdue(),
                properties.episodeRetention());
        return new Auditor(new ScheduleSnapshots(tx), new OnCallCache(redis, cacheProperties.ttl(), cacheProperties.breakerOpen(), clock), new Liveness(tx),
                new AuditEpisodes(tx), new AuditRuns(tx), pager, settings, clock,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Only with {@code --loop}; the CronJob runs one pass and exits. */
    @Bean
    @ConditionalOnProperty(prefix = "oncall.audit", name = "loop", havingValue = "true")
    public PeriodicTask auditLoop(AuditPass pass, AuditProperties properties) {
        return new PeriodicTask("audit-", properties.interval(), pass::run);
    }
}

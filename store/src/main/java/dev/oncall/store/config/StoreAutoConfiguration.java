package dev.oncall.store.config;

import dev.oncall.platform.config.PlatformAutoConfiguration;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.CoverRequests;
import dev.oncall.store.schedule.Layers;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.grouping.GroupingSettingsRepository;
import dev.oncall.store.routing.RoutingRepository;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.InvitationRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The configuration repositories every app reads: teams, people, schedules, policies, services. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
public class StoreAutoConfiguration {

    @Bean
    public TeamRepository teamRepository(Transactions tx) {
        return new TeamRepository(tx);
    }

    @Bean
    public UserRepository userRepository(Transactions tx) {
        return new UserRepository(tx);
    }

    @Bean
    public InvitationRepository invitationRepository(Transactions tx) {
        return new InvitationRepository(tx);
    }

    @Bean
    public ContactRepository contactRepository(Transactions tx) {
        return new ContactRepository(tx);
    }

    @Bean
    public Schedules schedules(Transactions tx) {
        return new Schedules(tx);
    }

    @Bean
    public ScheduleLoader scheduleLoader(Transactions tx) {
        return new ScheduleLoader(tx);
    }

    @Bean
    public Layers layers(Transactions tx) {
        return new Layers(tx);
    }

    @Bean
    public Overrides overrides(Transactions tx) {
        return new Overrides(tx);
    }

    @Bean
    public CoverRequests coverRequests(Transactions tx) {
        return new CoverRequests(tx);
    }

    @Bean
    public PolicyRepository policyRepository(Transactions tx) {
        return new PolicyRepository(tx);
    }

    @Bean
    public ServiceRepository serviceRepository(Transactions tx) {
        return new ServiceRepository(tx);
    }

    @Bean
    public GroupingSettingsRepository groupingSettingsRepository(Transactions tx) {
        return new GroupingSettingsRepository(tx);
    }

    @Bean
    public RoutingRepository routingRepository(Transactions tx) {
        return new RoutingRepository(tx);
    }
}

package dev.oncall.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.NotificationPlan.Planned;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationPlanTest {
    static final UUID USER = UUID.randomUUID();
    final ContactMethod push = method(ContactMethodType.PUSH, "token", 0, false);
    final ContactMethod sms = method(ContactMethodType.SMS, "+14155550100", 1, false);
    final ContactMethod voice = method(ContactMethodType.VOICE, "+14155550100", 2, false);

    static ContactMethod method(ContactMethodType type, String address, int priority, boolean disabled) {
        return new ContactMethod(UUID.randomUUID(), USER, type, "", address, priority, true, disabled);
    }

    static NotificationRule rule(ContactMethod m, int seconds, Urgency urgency) {
        return new NotificationRule(UUID.randomUUID(), USER, m.id(), Duration.ofSeconds(seconds), urgency);
    }

    @Test
    void rulesForTheIncidentsUrgencyDecideMethodsAndDelays() {
        List<Planned> plan = NotificationPlan.plan(Urgency.HIGH,
                List.of(rule(sms, 120, Urgency.HIGH), rule(push, 0, Urgency.HIGH), rule(voice, 0, Urgency.LOW)),
                List.of(push, sms, voice));
        assertThat(plan).containsExactly(new Planned(push, Duration.ZERO), new Planned(sms, Duration.ofSeconds(120)));
    }

    @Test
    void withoutRulesForTheUrgencyEveryEnabledMethodIsUsedAMinuteApartInPriorityOrder() {
        ContactMethod disabled = method(ContactMethodType.EMAIL, "a@b.example", 0, true);
        List<Planned> plan = NotificationPlan.plan(Urgency.LOW, List.of(rule(push, 0, Urgency.HIGH)),
                List.of(voice, disabled, sms, push));
        assertThat(plan).containsExactly(new Planned(push, Duration.ZERO), new Planned(sms, Duration.ofSeconds(60)),
                new Planned(voice, Duration.ofSeconds(120)));
    }

    @Test
    void rulesOnDisabledMethodsAreSkippedAndEachMethodIsUsedOnce() {
        ContactMethod off = method(ContactMethodType.EMAIL, "a@b.example", 0, true);
        List<Planned> plan = NotificationPlan.plan(Urgency.HIGH,
                List.of(rule(off, 0, Urgency.HIGH), rule(push, 300, Urgency.HIGH), rule(push, 30, Urgency.HIGH)),
                List.of(off, push));
        assertThat(plan).containsExactly(new Planned(push, Duration.ofSeconds(30)));
    }

    @Test
    void unverifiedMethodsAreNeverPlannedWithRulesOrWithout() {
        ContactMethod typedIn = new ContactMethod(UUID.randomUUID(), USER, ContactMethodType.SMS, "", "+14155550199", 0,
                false, false);

        assertThat(NotificationPlan.plan(Urgency.HIGH, List.of(rule(typedIn, 0, Urgency.HIGH), rule(push, 60, Urgency.HIGH)),
                List.of(typedIn, push))).containsExactly(new Planned(push, Duration.ofSeconds(60)));
        assertThat(NotificationPlan.plan(Urgency.LOW, List.of(), List.of(typedIn, sms)))
                .containsExactly(new Planned(sms, Duration.ZERO));
        assertThat(NotificationPlan.plan(Urgency.HIGH, List.of(rule(typedIn, 0, Urgency.HIGH)), List.of(typedIn)))
                .isEmpty();
    }

    @Test
    void someoneWithNoEnabledMethodGetsNothing() {
        assertThat(NotificationPlan.plan(Urgency.HIGH, List.of(), List.of())).isEmpty();
    }
}

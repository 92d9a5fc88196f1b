package dev.oncall.core.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The resolution rule over random steps: people from a few users, two teams, three schedules. */
class StepRecipientsProperties {
    private static final List<UUID> PEOPLE = ids(6);
    private static final List<UUID> TEAMS = ids(2);
    private static final List<UUID> SCHEDULES = ids(3);

    record Case(List<StepTarget> targets, Map<UUID, List<UUID>> onCall, Map<UUID, List<Member>> members) {}

    @Provide
    Arbitrary<Case> cases() {
        List<StepTarget> every = new ArrayList<>();
        PEOPLE.forEach(p -> every.add(new StepTarget(TargetType.USER, p)));
        TEAMS.forEach(t -> every.add(new StepTarget(TargetType.TEAM, t)));
        SCHEDULES.forEach(s -> every.add(new StepTarget(TargetType.SCHEDULE, s)));
        Arbitrary<List<StepTarget>> targets = Arbitraries.of(every).list().uniqueElements()
                .ofMinSize(1).ofMaxSize(EscalationStep.MAX_TARGETS);
        Arbitrary<List<UUID>> someone = Arbitraries.of(PEOPLE).list().uniqueElements().ofMaxSize(4);
        Arbitrary<List<List<UUID>>> onCall = someone.list().ofSize(SCHEDULES.size());
        Arbitrary<List<Role>> roles = Arbitraries.of(Role.class).list().ofSize(PEOPLE.size());
        Arbitrary<List<List<UUID>>> membership = Arbitraries.of(PEOPLE).list().uniqueElements().list().ofSize(TEAMS.size());
        Arbitrary<List<List<Role>>> teamRoles = roles.list().ofSize(TEAMS.size());
        return Combinators.combine(targets, onCall, membership, teamRoles).as((t, o, m, r) -> {
            Map<UUID, List<UUID>> answers = new LinkedHashMap<>();
            for (int i = 0; i < SCHEDULES.size(); i++) {
                answers.put(SCHEDULES.get(i), o.get(i));
            }
            Map<UUID, List<Member>> members = new LinkedHashMap<>();
            for (int i = 0; i < TEAMS.size(); i++) {
                UUID team = TEAMS.get(i);
                List<Role> role = r.get(i);
                List<UUID> people = m.get(i);
                members.put(team, IntStream.range(0, people.size())
                        .mapToObj(k -> new Member(team, people.get(k), role.get(k))).toList());
            }
            return new Case(t, answers, members);
        });
    }

    /** Everyone is paged once, in the order their first target names them. */
    @Property
    void theStepPagesTheTargetsPeopleOnceEachInTargetOrder(@ForAll("cases") Case c) {
        StepRecipients r = StepRecipients.resolve(c.targets(), c.onCall(), c.members());

        Set<UUID> concatenated = new LinkedHashSet<>();
        r.targets().forEach(t -> concatenated.addAll(t.users()));
        assertThat(r.users()).doesNotHaveDuplicates().containsExactlyElementsOf(concatenated);
        assertThat(r.targets()).extracting(StepRecipients.Resolved::target).containsExactlyElementsOf(c.targets());
    }

    /** A person is paged exactly when a user target names them, a schedule has them on call, or a team has them as more than an observer. */
    @Property
    void aPersonIsPagedExactlyWhenSomeTargetReachesThem(@ForAll("cases") Case c) {
        StepRecipients r = StepRecipients.resolve(c.targets(), c.onCall(), c.members());

        for (UUID person : PEOPLE) {
            boolean reached = c.targets().stream().anyMatch(t -> switch (t.type()) {
                case USER -> t.id().equals(person);
                case SCHEDULE -> c.onCall().get(t.id()).contains(person);
                case TEAM -> c.members().get(t.id()).stream()
                        .anyMatch(m -> m.userId().equals(person) && m.role() != Role.OBSERVER);
            });
            assertThat(r.users().contains(person)).as(person.toString()).isEqualTo(reached);
        }
    }

    /** A schedule target pages exactly its on-call answer, in the engine's order. */
    @Property
    void aScheduleTargetPagesItsOnCallAnswer(@ForAll("cases") Case c) {
        StepRecipients r = StepRecipients.resolve(c.targets(), c.onCall(), c.members());

        r.targets().stream().filter(t -> t.target().type() == TargetType.SCHEDULE)
                .forEach(t -> assertThat(t.users()).isEqualTo(c.onCall().get(t.target().id())));
    }

    private static List<UUID> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.nameUUIDFromBytes(("p" + n + ":" + i).getBytes())).toList();
    }
}

package dev.oncall.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A person's profile, contact methods and notification rules are theirs: changed by them or an
 * installation admin, never through a team role; their contact details are read by them, the
 * managers and admins of their teams, and installation admins.
 */
class PersonalDataTest extends ApiTest {
    private static final String PHONE = "+14155550177";
    private static final String CONTACT_DETAILS = "query($id: ID!) { user(id: $id) { name email contactMethods { address } notificationRules { id } } }";

    @Autowired UserRepository users;
    @Autowired ContactRepository contacts;

    /** A responder of the crew with a phone and a rule for it. */
    private record Member(User user, ContactMethod phone, NotificationRule rule) {
        String id() {
            return user.id().toString();
        }
    }

    private Member member(Crew crew) {
        User user = users.find(UUID.fromString(crew.id("RESPONDER"))).orElseThrow();
        ContactMethod phone = contacts.addMethod(user.id(), ContactMethodType.SMS, "phone", PHONE, 0);
        NotificationRule rule = contacts.addRule(user.id(), phone.id(), Duration.ZERO, Urgency.HIGH);
        return new Member(user, phone, rule);
    }

    @Test
    void noTeamRoleChangesAMembersProfileContactMethodsOrRules() {
        Crew crew = crew();
        Member member = member(crew);
        String teamToken = teamToken(crew, "ADMIN");

        for (String token : List.of(crew.token("ADMIN"), crew.token("MANAGER"), teamToken)) {
            Gql team = as(token);
            List<JsonNode> answers = List.of(
                    team.attempt("updateUser", "user { id }", Map.of("id", member.id(), "handle", member.user().handle(),
                            "name", member.user().name(), "email", "attacker@example.com", "timezone", "UTC")),
                    team.attempt("updateContactMethod", "contactMethod { id }", Map.of("id", member.phone().id(),
                            "address", "+14155550666", "priority", 0)),
                    team.attempt("deleteContactMethod", "deletedId", Map.of("id", member.phone().id())),
                    team.attempt("addContactMethod", "contactMethod { id }", Map.of("userId", member.id(),
                            "type", "SMS", "address", "+14155550666", "priority", 1)),
                    team.attempt("addNotificationRule", "notificationRule { id }", Map.of("userId", member.id(),
                            "contactMethodId", member.phone().id(), "delaySeconds", 300, "urgency", "LOW")),
                    team.attempt("deleteNotificationRule", "deletedId", Map.of("id", member.rule().id())),
                    team.attempt("deleteUser", "deletedId", Map.of("id", member.id())));
            assertThat(answers).allSatisfy(a -> assertThat(a.at("/errors/0/extensions/classification").asString())
                    .as(a.toString()).isEqualTo("FORBIDDEN"));
        }

        assertThat(users.find(member.user().id()).orElseThrow()).isEqualTo(member.user());
        assertThat(contacts.methodsOf(member.user().id())).containsExactly(member.phone());
        assertThat(contacts.rulesOf(member.user().id())).containsExactly(member.rule());
    }

    @Test
    void contactDetailsAreReadByThePersonTheirTeamsManagersAndAdminsAndInstallationAdmins() {
        Crew crew = crew();
        Member member = member(crew);
        String otherResponder = tokenFor(users.createInTeam(UUID.fromString(crew.teamId()), Role.RESPONDER,
                unique("r"), "R", unique("r") + "@example.com", "UTC").id().toString());

        for (String reader : List.of(crew.token("RESPONDER"), crew.token("MANAGER"), crew.token("ADMIN"),
                someone(InstallationRole.ADMIN).token())) {
            JsonNode user = as(reader).data(CONTACT_DETAILS, Map.of("id", member.id())).get("user");
            assertThat(user.get("email").asString()).isEqualTo(member.user().email());
            assertThat(user.at("/contactMethods/0/address").asString()).isEqualTo(PHONE);
            assertThat(user.at("/notificationRules/0/id").asString()).isEqualTo(member.rule().id().toString());
        }
        for (String reader : List.of(crew.token("OBSERVER"), otherResponder)) {
            JsonNode answer = as(reader).run(CONTACT_DETAILS, Map.of("id", member.id()));
            assertThat(answer.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
            assertThat(answer.toString()).doesNotContain(PHONE, member.user().email());
            // Who they are stays visible to a teammate; only how to reach them does not.
            JsonNode named = as(reader).data("query($id: ID!) { user(id: $id) { name email } }", Map.of("id", member.id()));
            assertThat(named.at("/user/name").asString()).isEqualTo(member.user().name());
            assertThat(named.at("/user/email").isNull()).isTrue();
        }
    }

    @Test
    void anInstallationAdminChangesAnyonesProfileAndContactMethods() {
        Crew crew = crew();
        Member member = member(crew);
        Gql installationAdmin = as(someone(InstallationRole.ADMIN).token());
        String email = unique("moved") + "@example.com";

        installationAdmin.mutate("updateUser", "user { id }", Map.of("id", member.id(), "handle", member.user().handle(),
                "name", "Renamed", "email", email, "timezone", "UTC"));
        installationAdmin.mutate("updateContactMethod", "contactMethod { id }", Map.of("id", member.phone().id(),
                "address", "+14155550178", "priority", 0));
        installationAdmin.mutate("deleteNotificationRule", "deletedId", Map.of("id", member.rule().id()));

        assertThat(users.find(member.user().id()).orElseThrow().email()).isEqualTo(email);
        assertThat(contacts.findMethod(member.phone().id()).orElseThrow().address()).isEqualTo("+14155550178");
        assertThat(contacts.rulesOf(member.user().id())).isEmpty();
    }

    @Test
    void anInstallationAdminCannotTakeOverAnOwnerButAnOwnerCanChangeAnAdmin() {
        Someone owner = someone(InstallationRole.OWNER);
        Someone admin = someone(InstallationRole.ADMIN);

        JsonNode takeover = as(admin.token()).attempt("updateUser", "user { id }", Map.of("id", owner.id(),
                "handle", owner.handle(), "name", "Owner", "email", "admin-controlled@example.com", "timezone", "UTC"));
        JsonNode phone = as(admin.token()).attempt("addContactMethod", "contactMethod { id }", Map.of("userId", owner.id(),
                "type", "SMS", "address", "+14155550666", "priority", 0));

        assertThat(takeover.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(phone.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(users.find(UUID.fromString(owner.id())).orElseThrow().email()).isEqualTo(owner.email());
        as(owner.token()).mutate("updateUser", "user { id }", Map.of("id", admin.id(), "handle", admin.handle(),
                "name", "Changed by the owner", "email", admin.email(), "timezone", "UTC"));
        assertThat(users.find(UUID.fromString(admin.id())).orElseThrow().name()).isEqualTo("Changed by the owner");
    }

    @Test
    void everyoneManagesTheirOwnContactMethodsWhateverTheirTeamRole() {
        Crew crew = crew();
        Gql observer = as(crew.token("OBSERVER"));

        String method = observer.mutate("addContactMethod", "contactMethod { id }", Map.of("type", "EMAIL",
                "address", unique("me") + "@example.com", "priority", 0)).at("/contactMethod/id").asString();
        observer.mutate("deleteContactMethod", "deletedId", Map.of("id", method));

        assertThat(contacts.methodsOf(UUID.fromString(crew.id("OBSERVER")))).isEmpty();
    }
}

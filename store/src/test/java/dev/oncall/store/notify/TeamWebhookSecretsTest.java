package dev.oncall.store.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.team.Role;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithInfrastructure.class)
class TeamWebhookSecretsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String KEY = "an-encryption-key-of-at-least-32-characters";
    private static StoreFixture store;

    @BeforeAll
    static void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private static TeamWebhookSecrets secrets(String installationSecret, String key) {
        return new TeamWebhookSecrets(store.tx, new NotifyProperties.Webhook(installationSecret, Duration.ofSeconds(1),
                List.of(), key, Duration.ofHours(24)));
    }

    private static UUID team() {
        return store.teams.create("team-" + UUID.randomUUID(), "").id();
    }

    @Test
    void eachTeamSignsWithItsOwnSecretAndNoOtherTeamsKey() {
        TeamWebhookSecrets secrets = secrets("", KEY);
        UUID a = team();
        UUID b = team();
        String secretA = secrets.rotate(a, T0).secret();
        String secretB = secrets.rotate(b, T0).secret();

        assertThat(secretA).startsWith("whsec_").hasSizeGreaterThan(40).isNotEqualTo(secretB);
        assertThat(secrets.signingSecrets(Optional.of(a), T0)).containsExactly(secretA);
        assertThat(secrets.signingSecrets(Optional.of(b), T0)).containsExactly(secretB);
        assertThat(store.jdbc.sql("SELECT secret FROM team_webhook_secrets WHERE team_id = :t").param("t", a)
                .query(String.class).single()).as("stored encrypted").doesNotContain(secretA.substring(6, 20));
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEnds() {
        TeamWebhookSecrets secrets = secrets("", KEY);
        UUID team = team();
        String first = secrets.rotate(team, T0).secret();
        TeamWebhookSecrets.Rotated second = secrets.rotate(team, T0.plusSeconds(60));

        assertThat(second.signing().previousExpiresAt()).hasValue(T0.plusSeconds(60).plus(Duration.ofHours(24)));
        assertThat(secrets.signingSecrets(Optional.of(team), T0.plusSeconds(120))).containsExactly(second.secret(), first);
        assertThat(secrets.signingSecrets(Optional.of(team), T0.plusSeconds(60).plus(Duration.ofHours(24))))
                .containsExactly(second.secret());
        assertThat(secrets.signing(team, T0.plus(Duration.ofDays(2))).orElseThrow().previousExpiresAt()).isEmpty();

        String third = secrets.rotate(team, T0.plusSeconds(180)).secret();
        assertThat(secrets.signingSecrets(Optional.of(team), T0.plusSeconds(200)))
                .as("a rotation during an overlap ends the oldest secret at once")
                .containsExactly(third, second.secret());
    }

    @Test
    void aTeamWithoutItsOwnSecretFallsBackToTheInstallationsAndOverlapsWithItOnItsFirstRotation() {
        TeamWebhookSecrets secrets = secrets("installation-secret", KEY);
        UUID team = team();
        assertThat(secrets.signing(team, T0)).isEmpty();
        assertThat(secrets.signingSecrets(Optional.of(team), T0)).containsExactly("installation-secret");
        assertThat(secrets.signingSecrets(Optional.empty(), T0)).containsExactly("installation-secret");

        TeamWebhookSecrets.Rotated own = secrets.rotate(team, T0);
        assertThat(own.signing().previousExpiresAt()).hasValue(T0.plus(Duration.ofHours(24)));
        assertThat(secrets.signingSecrets(Optional.of(team), T0.plusSeconds(1)))
                .containsExactly(own.secret(), "installation-secret");
        assertThat(secrets.signingSecrets(Optional.of(team), T0.plus(Duration.ofDays(1)))).containsExactly(own.secret());
        assertThat(secrets("", KEY).signingSecrets(Optional.of(team()), T0)).isEmpty();
    }

    @Test
    void aMessageOfNoTeamIsSignedWithTheSecretsOfEveryTeamOfThePerson() {
        TeamWebhookSecrets secrets = secrets("installation-secret", KEY);
        String handle = "p" + UUID.randomUUID().toString().substring(0, 8);
        UUID person = store.users.create(handle, "P", handle + "@example.com", "UTC").id();
        assertThat(secrets.personalSigningSecrets(person, T0)).as("in no team: the installation's")
                .containsExactly("installation-secret");

        UUID a = team();
        UUID b = team();
        UUID elsewhere = team();
        store.teams.addMember(a, person, Role.RESPONDER);
        store.teams.addMember(b, person, Role.OBSERVER);
        String secretA = secrets.rotate(a, T0).secret();
        String secretB = secrets.rotate(b, T0).secret();
        String notTheirs = secrets.rotate(elsewhere, T0).secret();

        assertThat(secrets.personalSigningSecrets(person, T0.plus(Duration.ofDays(2))))
                .containsExactlyInAnyOrder(secretA, secretB).doesNotContain(notTheirs);
    }

    @Test
    void withoutAnEncryptionKeyNoSecretIsMadeAndAChangedKeyReadsNone() {
        UUID team = team();
        assertThatThrownBy(() -> secrets("", "").rotate(team, T0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("teamId").hasMessageContaining("oncall.notify.webhook.encryption-key");
        secrets("", KEY).rotate(team, T0);
        assertThatThrownBy(() -> secrets("", "another-encryption-key-of-32-characters!").signingSecrets(Optional.of(team), T0))
                .isInstanceOf(TeamWebhookSecrets.Unreadable.class).hasMessageContaining("was the key changed?");
        assertThatThrownBy(() -> secrets("", "short")).hasMessageContaining("at least 32 characters");
    }

    @Test
    void aSecretCopiedToAnotherTeamDoesNotOpen() {
        TeamWebhookSecrets secrets = secrets("", KEY);
        UUID a = team();
        UUID b = team();
        secrets.rotate(a, T0);
        secrets.rotate(b, T0);
        store.jdbc.sql("UPDATE team_webhook_secrets SET secret = (SELECT secret FROM team_webhook_secrets WHERE team_id = :a) "
                + "WHERE team_id = :b").param("a", a).param("b", b).update();
        assertThatThrownBy(() -> secrets.signingSecrets(Optional.of(b), T0)).isInstanceOf(TeamWebhookSecrets.Unreadable.class);
    }
}

package dev.oncall.worker.notify;

import static dev.oncall.worker.notify.SenderHarness.T0;
import static dev.oncall.worker.notify.SenderHarness.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.notify.WebhookSignature;
import dev.oncall.core.outbound.OutboundRule;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.notify.NotifyFixture;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.notify.TeamWebhookSecrets;
import dev.oncall.store.outbound.OutboundGuard;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import dev.oncall.worker.notify.FakeProvider.Answer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook pages go only where the outbound rule allows, checked at send time against the
 * addresses actually connected to, and are signed with the secret of the team whose page it is.
 */
@ExtendWith(WithInfrastructure.class)
class WebhookOutboundTest {
    private static StoreFixture store;
    private static FakeProvider receiver;
    private SenderHarness h;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        store = new StoreFixture(infra);
        receiver = new FakeProvider(Answer.json(202, "{}"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        store.close();
    }

    @BeforeEach
    void harness() throws Exception {
        h = new SenderHarness(store, new SenderHarness.Providers(null, null, null, null, 0), l -> l);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        receiver.clear();
    }

    /** A registry whose webhook channel follows {@code rule} and resolves names as the harness's DNS says. */
    private ChannelRegistry webhooks(OutboundRule rule, NotifyProperties.Webhook settings) {
        return new ChannelRegistry(List.of(new WebhookChannel(settings, new OutboundGuard(rule, h.resolver()),
                new TeamWebhookSecrets(store.tx, settings), new ActionLinks(h.ack), h.clock)));
    }

    @Test
    void aWebhookOnLoopbackIsRefusedAtSendWithoutTheAllowListAndNeverCalled() {
        User u = h.fx.person("loopback");
        UUID incident = h.fx.incident("Disk full", T0);
        UUID intent = h.fx.intent(incident, h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/hook", 0), T0);

        pass(h.sender("w1", webhooks(OutboundRule.strict(), h.notify.webhook())));

        assertThat(receiver.requests()).isEmpty();
        assertThat(h.fx.state(intent)).isEqualTo("failed");
        assertThat(h.fx.attempt(intent).get("attempts")).as("a refusal is not retried").isEqualTo(1);
        assertThat(h.fx.eventData(incident, "notification_failed").getFirst())
                .contains("webhook URL refused: must be an https URL");
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedAtSend() {
        h.dns.put("hooks.internal.example", "10.0.0.1");
        User u = h.fx.person("internal");
        UUID incident = h.fx.incident("Disk full", T0);
        UUID intent = h.fx.intent(incident,
                h.fx.method(u, ContactMethodType.WEBHOOK, "https://hooks.internal.example/page", 0), T0);

        pass(h.sender("w1"));

        assertThat(h.fx.state(intent)).isEqualTo("failed");
        assertThat(h.fx.eventData(incident, "notification_failed").getFirst())
                .contains("has host hooks.internal.example resolving to 10.0.0.1, a private address");
    }

    @Test
    void anAllowListedReceiverIsCalledAtTheResolvedAddressUnderItsOwnName() {
        h.dns.put("pager.team.example", "127.0.0.1");
        User u = h.fx.person("named");
        String url = receiver.url().replace("127.0.0.1", "pager.team.example") + "/named";
        UUID intent = h.fx.intent(h.fx.incident("Latency", T0), h.fx.method(u, ContactMethodType.WEBHOOK, url, 0), T0);

        pass(h.sender("w1"));

        assertThat(h.fx.state(intent)).isEqualTo("sent");
        assertThat(receiver.requests("/named").getFirst().header("Host")).startsWith("pager.team.example:");
    }

    @Test
    void aPageIsSignedWithTheSecretOfTheTeamWhoseIncidentItIsAndNoOther() {
        NotifyFixture other = new NotifyFixture(store, h.fx.region);
        // Made more than the overlap ago, so the installation-wide secret no longer signs beside them.
        String ours = h.webhookSecrets.rotate(h.fx.team.id(), T0.minus(Duration.ofHours(25))).secret();
        String theirs = h.webhookSecrets.rotate(other.team.id(), T0.minus(Duration.ofHours(25))).secret();
        User u = h.fx.person("both");
        store.teams.addMember(other.team.id(), u.id(), dev.oncall.core.team.Role.RESPONDER);
        ContactMethod hook = h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/both", 0);
        UUID mine = h.fx.incident("Ours", T0);
        UUID foreign = other.incident("Theirs", T0);
        h.fx.intent(mine, hook, T0);
        other.intent(foreign, hook, T0);

        pass(h.sender("w1"));

        List<FakeProvider.Request> pages = receiver.requests("/both");
        assertThat(pages).as("one message per team, not one bundle of both").hasSize(2);
        for (FakeProvider.Request page : pages) {
            boolean isOurs = page.body().contains(mine.toString());
            assertThat(page.body()).contains(isOurs ? mine.toString() : foreign.toString())
                    .doesNotContain(isOurs ? foreign.toString() : mine.toString());
            assertThat(valid(isOurs ? ours : theirs, page)).isTrue();
            assertThat(valid(isOurs ? theirs : ours, page)).as("the other team's key does not sign it").isFalse();
            assertThat(valid(SenderHarness.WEBHOOK_SECRET, page)).as("nor the installation's, once the team's own took over")
                    .isFalse();
        }
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEnds() {
        String old = h.webhookSecrets.rotate(h.fx.team.id(), T0.minusSeconds(60)).secret();
        String current = h.webhookSecrets.rotate(h.fx.team.id(), T0).secret();
        User u = h.fx.person("rotating");
        ContactMethod hook = h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/rotating", 0);
        h.fx.intent(h.fx.incident("During the overlap", T0), hook, T0);

        pass(h.sender("w1"));

        FakeProvider.Request during = receiver.requests("/rotating").getFirst();
        assertThat(during.header(WebhookSignature.SIGNATURE_HEADER).split(",")).hasSize(2)
                .allSatisfy(entry -> assertThat(entry).startsWith("v1="));
        assertThat(valid(current, during)).isTrue();
        assertThat(valid(old, during)).isTrue();

        h.clock.advance(Duration.ofHours(25));
        h.fx.intent(h.fx.incident("After the overlap", h.clock.instant()), hook, h.clock.instant());
        pass(h.sender("w1"));

        FakeProvider.Request after = receiver.requests("/rotating").getLast();
        assertThat(after.header(WebhookSignature.SIGNATURE_HEADER).split(",")).hasSize(1);
        assertThat(valid(current, after)).isTrue();
        assertThat(valid(old, after)).isFalse();
    }

    @Test
    void withoutAnySecretThePageFailsSayingWhatToDo() {
        NotifyProperties.Webhook unsigned = new NotifyProperties.Webhook("", Duration.ofSeconds(1),
                List.of("127.0.0.0/8"), SenderHarness.WEBHOOK_ENCRYPTION_KEY, Duration.ofHours(24));
        User u = h.fx.person("unsigned");
        UUID incident = h.fx.incident("Nobody can check it", T0);
        UUID intent = h.fx.intent(incident, h.fx.method(u, ContactMethodType.WEBHOOK, receiver.url() + "/unsigned", 0), T0);

        pass(h.sender("w1", webhooks(OutboundRule.allowing(List.of("127.0.0.0/8")), unsigned)));

        assertThat(receiver.requests("/unsigned")).isEmpty();
        assertThat(h.fx.state(intent)).isEqualTo("failed");
        assertThat(h.fx.eventData(incident, "notification_failed").getFirst()).contains("rotateWebhookSigningSecret");
    }

    private boolean valid(String secret, FakeProvider.Request page) {
        return WebhookSignature.valid(secret, page.header(WebhookSignature.TIMESTAMP_HEADER), page.body(),
                page.header(WebhookSignature.SIGNATURE_HEADER), h.clock.instant(), Duration.ofMinutes(5));
    }
}

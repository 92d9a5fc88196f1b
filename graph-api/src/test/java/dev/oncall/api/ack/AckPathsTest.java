package dev.oncall.api.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.SlackSignature;
import dev.oncall.core.notify.TwilioSignature;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.notify.AckTokens;
import dev.oncall.store.notify.Intent;
import dev.oncall.store.notify.NotificationStore;
import dev.oncall.store.notify.NotifyFixture;
import dev.oncall.store.notify.ReplyCodes;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every acknowledgement path of graph-api over real HTTP, each leaving an event that says how it came. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AckPathsTest {
    static final String PUBLIC = "https://oncall.example.com";
    static final String TWILIO_TOKEN = "twilio-auth-token";
    static final String SLACK_SECRET = "slack-signing-secret";
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String DB = TestInfrastructure.get().newDatabaseUrl();
    /** Slack's side of a button's response_url: what the page was rewritten to. */
    private static final BlockingQueue<JsonNode> REWRITES = new LinkedBlockingQueue<>();
    private static final HttpServer SLACK_HOOKS = slackHooks();
    private static StoreFixture store;
    private static NotifyFixture fx;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        registry.add("spring.datasource.url", () -> DB);
        registry.add("spring.datasource.username", infra::username);
        registry.add("oncall.redis.url", infra::redisUrl);
        registry.add("oncall.region", () -> "ack-region");
        registry.add("oncall.ack.signing-key", () -> "graph-api-test-ack-key-0123456789abcdef");
        registry.add("oncall.ack.public-url", () -> PUBLIC);
        registry.add("oncall.notify.twilio.account-sid", () -> "AC1");
        registry.add("oncall.notify.twilio.auth-token", () -> TWILIO_TOKEN);
        registry.add("oncall.notify.twilio.from-number", () -> "+15005550006");
        registry.add("oncall.notify.slack.signing-secret", () -> SLACK_SECRET);
        registry.add("oncall.notify.slack.response-url-hosts", () -> "localhost");
        // Slack's side is played on this machine, allow-listed as an operator would an internal receiver.
        registry.add("oncall.notify.webhook.allowed-networks", () -> "127.0.0.0/8,::1/128");
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        MutableClock clock() {
            return new MutableClock(T0);
        }
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    AckTokens tokens;
    @Autowired
    MutableClock clock;
    @Autowired
    ReplyCodes replyCodes;
    @Autowired
    NotificationStore notifications;

    private final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void fixture() {
        store = new StoreFixture(TestInfrastructure.get(), DB);
        fx = new NotifyFixture(store, "ack-region");
    }

    @AfterAll
    static void close() {
        store.close();
        SLACK_HOOKS.stop(0);
    }

    private String status(UUID incident) {
        return store.jdbc.sql("SELECT status FROM incidents WHERE id = :i").param("i", incident).query(String.class).single();
    }

    @Test
    void aPushTokenAcknowledgesOnceAndTheEventSaysPush() throws Exception {
        User u = fx.person("push");
        UUID incident = fx.incident("Disk full", T0);
        String token = tokens.issue(incident, u.id(), AckAction.ACKNOWLEDGE, clock.instant()).orElseThrow();

        HttpResponse<String> first = postJson("/ack", "{\"token\":\"" + token + "\"}");
        HttpResponse<String> again = postJson("/ack", "{\"token\":\"" + token + "\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"acknowledged\"", "\"changed\":true", incident.toString());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("{\"field\":\"token\",\"message\":\"has already been used\"}");
        assertThat(status(incident)).isEqualTo("acknowledged");
        assertThat(fx.events(incident)).containsExactly("acknowledged push");
    }

    @Test
    void badTokensAreRefusedWithFieldErrorsAndNothingChanges() throws Exception {
        User u = fx.person("bad");
        UUID incident = fx.incident("Bad tokens", T0);
        String expired = tokens.issue(incident, u.id(), AckAction.ACKNOWLEDGE, T0.minus(Duration.ofDays(2))).orElseThrow();

        assertThat(postJson("/ack", "{\"token\":\"" + expired + "\"}").body()).contains("has expired");
        assertThat(postJson("/ack", "{\"token\":\"forged.token\"}").body()).contains("is not an acknowledgement token");
        HttpResponse<String> missing = postJson("/ack", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"errors\":[{\"field\":\"token\",\"message\":\"is required\"}]}");
        for (String wrong : List.of("{\"token\": {\"a\": 1}}", "{\"token\": [\"x\"]}", "{\"token\": 42}")) {
            HttpResponse<String> refused = postJson("/ack", wrong);
            assertThat(refused.statusCode()).as(wrong).isEqualTo(400);
            assertThat(refused.body()).as(wrong).isEqualTo("{\"errors\":[{\"field\":\"token\",\"message\":\"must be a string\"}]}");
        }
        assertThat(postJson("/ack", "{\"token\": \"a\\u0000b\"}").body()).contains("\"field\":\"token\"");
        assertThat(status(incident)).isEqualTo("triggered");
        assertThat(fx.events(incident)).isEmpty();
    }

    @Test
    void anEmailLinkShowsAConfirmationAndOnlyItsButtonResolves() throws Exception {
        User u = fx.person("mail");
        UUID incident = fx.incident("Queue stuck", T0);
        String token = tokens.issue(incident, u.id(), AckAction.RESOLVE, clock.instant()).orElseThrow();
        String query = "via=email&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);

        HttpResponse<String> page = get("/ack/link?" + query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Resolve incident?", "checkout: Queue stuck", "<form method=\"post\" action=\"/ack/link\">");
        assertThat(get("/ack/link?" + query).statusCode()).as("a preview bot fetching again changes nothing").isEqualTo(200);
        assertThat(status(incident)).isEqualTo("triggered");

        HttpResponse<String> done = postForm("/ack/link", query, Map.of());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Incident resolved");
        assertThat(status(incident)).isEqualTo("resolved");
        assertThat(fx.events(incident)).containsExactly("resolved email");
        assertThat(get("/ack/link?" + query).body()).contains("has already been used");
    }

    @Test
    void anSmsReplyWithItsCodeAcknowledgesOnlyWhenTwilioSignedIt() throws Exception {
        User u = fx.person("sms");
        fx.method(u, ContactMethodType.SMS, "+14155550400", 0);
        UUID incident = fx.incident("Payments down", T0);
        int code = replyCodes.assign(u.id(), incident, T0);
        Map<String, String> params = Map.of("From", "+14155550400", "To", "+15005550006", "Body", code + "a",
                "MessageSid", "SMin1");

        HttpResponse<String> forged = postForm("/webhooks/twilio/sms", null, params, "bm90IGEgc2lnbmF0dXJl");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(status(incident)).isEqualTo("triggered");

        HttpResponse<String> reply = postTwilio("/webhooks/twilio/sms", null, params);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + "Acknowledged: Payments down</Message></Response>");
        assertThat(fx.events(incident)).containsExactly("acknowledged sms");

        HttpResponse<String> nonsense = postTwilio("/webhooks/twilio/sms", null, Map.of("From", "+14155550400",
                "Body", "what?"));
        assertThat(nonsense.body()).contains("Reply with the incident number");
    }

    @Test
    void someoneRemovedFromTheTeamCanNoLongerActWithTheirLinkOrReplyCode() throws Exception {
        User u = fx.person("leaver");
        fx.method(u, ContactMethodType.SMS, "+14155550409", 0);
        UUID incident = fx.incident("Leaver paged", T0);
        String link = "via=email&token=" + URLEncoder.encode(
                tokens.issue(incident, u.id(), AckAction.ACKNOWLEDGE, clock.instant()).orElseThrow(), StandardCharsets.UTF_8);
        String push = tokens.issue(incident, u.id(), AckAction.RESOLVE, clock.instant()).orElseThrow();
        int code = replyCodes.assign(u.id(), incident, T0);
        UUID team = store.jdbc.sql("SELECT team_id FROM incidents WHERE id = :i").param("i", incident).query(UUID.class).single();

        assertThat(store.teams.removeMember(team, u.id())).isTrue();

        HttpResponse<String> viaLink = postForm("/ack/link", link, Map.of());
        assertThat(viaLink.statusCode()).isEqualTo(400);
        assertThat(viaLink.body()).contains("This link cannot act for someone who is no longer a member of the incident&#39;s team");
        HttpResponse<String> viaPush = postJson("/ack", "{\"token\":\"" + push + "\"}");
        assertThat(viaPush.statusCode()).isEqualTo(400);
        assertThat(viaPush.body()).contains("no longer a member of the incident's team");
        HttpResponse<String> reply = postTwilio("/webhooks/twilio/sms", null, Map.of("From", "+14155550409",
                "To", "+15005550006", "Body", code + "a", "MessageSid", "SMleaver"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("Not done: cannot act for someone who is no longer a member of the incident's team");
        assertThat(status(incident)).isEqualTo("triggered");
        assertThat(fx.events(incident)).isEmpty();
    }

    @Test
    void anSmsReplyFromANumberNobodyVerifiedActsOnNothing() throws Exception {
        // Someone typed a number in as theirs, unproven, and texts from it: it must not act as them.
        User u = fx.person("claimed");
        fx.unverifiedMethod(u, ContactMethodType.SMS, "+14155550403", 0);
        UUID incident = fx.incident("Checkout down", T0);
        int code = replyCodes.assign(u.id(), incident, T0);

        HttpResponse<String> byCode = postTwilio("/webhooks/twilio/sms", null, Map.of("From", "+14155550403",
                "To", "+15005550006", "Body", code + "A", "MessageSid", "SMin2"));
        HttpResponse<String> all = postTwilio("/webhooks/twilio/sms", null, Map.of("From", "+14155550403",
                "To", "+15005550006", "Body", "ACK ALL", "MessageSid", "SMin3"));

        assertThat(byCode.statusCode()).isEqualTo(200);
        assertThat(byCode.body()).contains("No incident has the number " + code + " for you.");
        assertThat(all.body()).contains("You have no open incidents to acknowledge.");
        assertThat(status(incident)).isEqualTo("triggered");
        assertThat(fx.events(incident)).isEmpty();
    }

    @Test
    void aKeypadPressAcknowledgesTheCallsIncident() throws Exception {
        User u = fx.person("voice");
        ContactMethod voice = fx.method(u, ContactMethodType.VOICE, "+14155550401", 0);
        UUID incident = fx.incident("Login errors", T0);
        UUID message = sent(fx.intent(incident, voice, T0), "CA-call-1");

        HttpResponse<String> press = postTwilio("/webhooks/twilio/voice", "message=" + message, Map.of(
                "CallSid", "CA-call-1", "Digits", "1", "From", "+15005550006", "To", "+14155550401"));

        assertThat(press.statusCode()).isEqualTo(200);
        assertThat(press.body()).contains("<Say>Incident acknowledged. Goodbye.</Say>");
        assertThat(fx.events(incident)).containsExactly("notification_sent voice", "acknowledged voice");
    }

    @Test
    void twilioStatusCallbacksBecomeReceipts() throws Exception {
        User u = fx.person("status");
        ContactMethod sms = fx.method(u, ContactMethodType.SMS, "+14155550402", 0);
        UUID incident = fx.incident("Receipts", T0);
        sent(fx.intent(incident, sms, T0), "SM-status-1");

        assertThat(postTwilio("/webhooks/twilio/status", null, Map.of("MessageSid", "SM-status-1",
                "MessageStatus", "delivered")).statusCode()).isEqualTo(204);
        assertThat(postForm("/webhooks/twilio/status", null, Map.of("MessageSid", "SM-status-1",
                "MessageStatus", "failed"), "d3Jvbmc=").statusCode()).isEqualTo(403);
        // Signed, but holding what no text may: refused, not a server error.
        assertThat(postTwilio("/webhooks/twilio/status", null, Map.of("MessageSid", "SM-\u0000",
                "MessageStatus", "delivered")).statusCode()).isEqualTo(400);
        assertThat(postTwilio("/webhooks/twilio/sms", null, Map.of("From", "+1415\u0000", "Body", "ACK"))
                .body()).contains("From");
        // Signed, for a message we sent, but with a status Twilio never sends (too long to keep): refused by name.
        var odd = postTwilio("/webhooks/twilio/status", null, Map.of("MessageSid", "SM-status-1",
                "MessageStatus", "\uD83D\uDE00".repeat(2000)));
        assertThat(odd.statusCode()).isEqualTo(400);
        assertThat(odd.body()).contains("MessageStatus");

        assertThat(fx.events(incident)).containsExactly("notification_sent sms", "notification_delivered sms");
    }

    @Test
    void aSlackButtonActsOnlyWithAFreshSignatureAndRewritesThePage() throws Exception {
        User u = fx.person("slack");
        UUID incident = fx.incident("Cache misses", T0);
        String token = tokens.issue(incident, u.id(), AckAction.ACKNOWLEDGE, clock.instant()).orElseThrow();
        String block = "incident:" + incident;
        String payload = """
                {"type": "block_actions", "user": {"id": "U1"},
                 "response_url": "http://localhost:%d/actions/T1/123/abc",
                 "actions": [{"action_id": "%s", "block_id": "%s", "value": "%s"}],
                 "message": {"blocks": [
                   {"type": "section", "text": {"type": "mrkdwn", "text": "*Cache misses*"}},
                   {"type": "actions", "block_id": "%s", "elements": [
                     {"type": "button", "action_id": "%s", "value": "%s"},
                     {"type": "button", "action_id": "%s", "value": "resolve-token"}]}]}}"""
                .formatted(SLACK_HOOKS.getAddress().getPort(), SlackController.ACK_ACTION, block, token, block,
                        SlackController.ACK_ACTION, token, SlackController.RESOLVE_ACTION);
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        String stale = Long.toString(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());

        HttpResponse<String> replayed = postSlack(body, stale);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(status(incident)).isEqualTo("triggered");

        HttpResponse<String> pressed = postSlack(body, Long.toString(clock.instant().getEpochSecond()));
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("Incident acknowledged: Cache misses");
        assertThat(fx.events(incident)).containsExactly("acknowledged slack");

        // The page itself now says who acknowledged it and offers only Resolve.
        JsonNode rewrite = REWRITES.poll(10, TimeUnit.SECONDS);
        assertThat(rewrite).isNotNull();
        assertThat(rewrite.path("replace_original").asBoolean()).isTrue();
        assertThat(rewrite.path("text").asString()).isEqualTo("Acknowledged by <@U1> in Slack: Cache misses");
        JsonNode blocks = rewrite.path("blocks");
        assertThat(blocks.path(1).path("elements")).singleElement()
                .satisfies(b -> assertThat(b.path("action_id").asString()).isEqualTo(SlackController.RESOLVE_ACTION));
        assertThat(blocks.path(2).path("elements").path(0).path("text").asString())
                .isEqualTo("Acknowledged by <@U1> in Slack");

        // Pressed again: the token is spent, nothing changes and the page is left as it is.
        assertThat(postSlack(body, Long.toString(clock.instant().getEpochSecond())).body())
                .contains("this button has already been used");
        assertThat(fx.events(incident)).containsExactly("acknowledged slack");
    }

    /** Claims and records an intent as sent, the way a sender would, returning its message id. */
    private UUID sent(UUID intentId, String providerMessageId) {
        String region = "sent-" + intentId;
        store.jdbc.sql("UPDATE notification_attempts SET region = :r WHERE id = :id").param("r", region)
                .param("id", intentId).update();
        List<Intent> claimed = notifications.claim(region, "test", T0, Duration.ofMinutes(1), 1);
        UUID message = UUID.randomUUID();
        notifications.markSent(claimed, "test", "twilio", providerMessageId, message, 1, T0);
        return message;
    }

    @Test
    void oversizedBodiesAreRefusedWith413NamingTheLimit() throws Exception {
        String big = "x".repeat(AckBodyLimitFilter.MAX_BYTES + 1);
        List<HttpResponse<String>> refused = List.of(
                postJson("/ack", "{\"token\":\"" + big + "\"}"),
                postForm("/ack/link", null, Map.of("token", big)),
                postForm("/webhooks/twilio/sms", null, Map.of("Body", big)),
                postSlack("payload=" + "x".repeat(RawBodyFilter.MAX_BYTES + 1), Long.toString(T0.getEpochSecond())));
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(413);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.at("/errors/0/field").asString()).as(r.body()).isEqualTo("body");
            assertThat(body.at("/errors/0/message").asString()).startsWith("must be at most ");
        }

        // A chunked body (no Content-Length) is counted as it arrives.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ack"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"token\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        // Within the limit, the paths answer as before.
        assertThat(postJson("/ack", "{\"token\":\"nonsense\"}").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> postTwilio(String path, String query, Map<String, String> params) throws Exception {
        Map<String, List<String>> signed = new LinkedHashMap<>();
        params.forEach((k, v) -> signed.put(k, List.of(v)));
        String url = PUBLIC + path + (query == null ? "" : "?" + query);
        return postForm(path, query, params, TwilioSignature.sign(TWILIO_TOKEN, url, signed));
    }

    private static HttpServer slackHooks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/actions/", exchange -> {
                try (exchange) {
                    REWRITES.add(JsonMapper.builder().build().readTree(exchange.getRequestBody().readAllBytes()));
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postSlack(String body, String timestamp) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/slack/interactivity"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackSignature.sign(SLACK_SECRET, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String query, Map<String, String> params) throws Exception {
        return postForm(path, query, params, null);
    }

    private HttpResponse<String> postForm(String path, String query, Map<String, String> params, String signature)
            throws Exception {
        String body = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path
                        + (query == null || !params.isEmpty() ? (query == null ? "" : "?" + query) : "")))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        String payload = params.isEmpty() && query != null ? query : body;
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.FakeTwilio;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.sweep.GraphqlSweep;
import dev.oncall.acceptance.sweep.HttpSweep;
import dev.oncall.acceptance.sweep.SweepReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Careless and hostile input at every public door: every argument of the GraphQL schema (read
 * from the server's own introspection) and every field of every HTTP endpoint's body, given
 * control characters, lone surrogates, huge and empty text, wrong types, malformed ids, cursors
 * and instants. Not one answer may be a server error or an {@code INTERNAL_ERROR}, and every
 * refusal names the field it refuses. The counts are printed and kept in target/.
 */
@ExtendWith(InstallationExtension.class)
class BadInputSweep {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyGraphqlArgumentRefusesBadValuesByName(Installation system) throws Exception {
        Crew crew = Crew.of(system, "Sweep", List.of("uma", "vic"), "wes", List.of("xia"));
        Map<String, String> ids = ids(crew);
        quiet(crew);
        SweepReport report = new SweepReport();
        new GraphqlSweep(system.url(""), system.adminToken(), report).run(ids);
        finish(report, "graphql");
    }

    @Test
    void everyHttpEndpointRefusesBadValuesByName(Installation system) {
        Crew crew = Crew.of(system, "Sweep", List.of("uma", "vic"), "wes", List.of("xia"));
        quiet(crew);
        SweepReport report = new SweepReport();
        HttpSweep sweep = new HttpSweep(system.url(""), report);
        // Several keys, so the per-key rate limit does not hide what validation would say.
        List<String> eventKeys = keys(crew, "EVENTS_V2", 4);
        List<String> alertmanagerKeys = keys(crew, "ALERTMANAGER", 4);
        AtomicInteger turn = new AtomicInteger();
        sweep.json("events-v2", () -> "/v2/enqueue", () -> ((ObjectNode) JSON.readTree(EVENT))
                .put("routing_key", eventKeys.get(turn.incrementAndGet() % eventKeys.size())), Map.of());
        sweep.json("alertmanager", () -> "/integrations/alertmanager/" + alertmanagerKeys.get(turn.incrementAndGet() % 4),
                () -> JSON.readTree(ALERTMANAGER), Map.of());
        sweep.json("ack", () -> "/ack", () -> JSON.readTree("{\"token\": \"" + UUID.randomUUID() + "\"}"), Map.of());
        sweep.json("graphql", () -> "/graphql", () -> JSON.readTree("""
                {"query": "query($id: ID!) { team(id: $id) { name } }", "variables": {"id": "%s"}, "operationName": null}"""
                .formatted(crew.teamId)), Map.of("Authorization", "Bearer " + system.adminToken()));

        sweep.form("ack-link", "/ack/link", Map.of("token", UUID.randomUUID().toString(), "via", "email"), null);
        String phone = crew.people.values().iterator().next().phone();
        twilio(sweep, system, "/webhooks/twilio/sms", fields("MessageSid", "SM" + hex(16), "From", phone,
                "To", FakeTwilio.FROM_NUMBER, "Body", "ACK 1"));
        twilio(sweep, system, "/webhooks/twilio/voice?message=" + UUID.randomUUID(), fields("CallSid", "CA" + hex(16),
                "From", FakeTwilio.FROM_NUMBER, "To", phone, "Digits", "1"));
        twilio(sweep, system, "/webhooks/twilio/status", fields("MessageSid", "SM" + hex(16), "MessageStatus", "delivered"));
        sweep.form("slack", "/webhooks/slack/interactivity", fields("payload", """
                {"type": "block_actions", "user": {"id": "U0123"}, "response_url": "https://hooks.slack.com/actions/T0/1/x",
                 "actions": [{"action_id": "oncall_acknowledge", "block_id": "b1", "value": "%s"}]}""".formatted(UUID.randomUUID())),
                BadInputSweep::slackSigned);

        sweep.url("ack-link", "GET", "/ack/link?via=email&token={}");
        sweep.url("ack-link", "GET", "/ack/link?token=x&via={}");
        sweep.url("calendar", "GET", "/calendar/{}");
        sweep.url("calendar", "GET", "/calendar/{}.ics");
        sweep.url("heartbeat", "POST", "/integrations/heartbeat/{}");
        sweep.url("alertmanager", "POST", "/integrations/alertmanager/{}");
        sweep.url("graphql", "GET", "/graphql?query={}");
        finish(report, "http");
    }

    private static void finish(SweepReport report, String name) {
        report.write(Path.of("target", "bad-input-sweep-" + name + ".txt"));
        System.out.println(report.summary());
        assertThat(report.total()).as("requests tried").isGreaterThan(100);
        assertThat(report.problems().size()).as("%s; the first of them (all in target/bad-input-sweep-%s.txt):%n%s",
                report.summary(), name, report.firstProblems(30)).isZero();
    }

    /** Alerts the sweep lets through are recorded, and nobody is woken by them. */
    private static void quiet(Crew crew) {
        crew.admin.mutate("setServiceMaintenance", "service { id }", Map.of("id", crew.serviceId,
                "until", Instant.now().plusSeconds(24 * 3600).toString()));
    }

    private static Map<String, String> ids(Crew crew) {
        String incident = crew.admin.mutate("triggerIncident", "incident { id }", Map.of("serviceId", crew.serviceId,
                "summary", "swept", "urgency", "LOW")).at("/incident/id").asString();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("team", crew.teamId);
        ids.put("schedule", crew.scheduleId);
        ids.put("service", crew.serviceId);
        ids.put("escalationpolicy", crew.policyId);
        ids.put("policy", crew.policyId);
        ids.put("user", crew.people.values().iterator().next().id());
        ids.put("incident", incident);
        ids.put("contactmethod", crew.admin.data("query($id: ID!) { user(id: $id) { contactMethods { id } } }",
                Map.of("id", ids.get("user"))).at("/user/contactMethods/0/id").asString());
        return ids;
    }

    private static List<String> keys(Crew crew, String type, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> crew.admin.mutate("createIntegrationKey",
                "integrationKey { secret }", Map.of("serviceId", crew.serviceId, "type", type, "name", "sweep " + i))
                .at("/integrationKey/secret").asString()).toList();
    }

    private static void twilio(HttpSweep sweep, Installation system, String path, Map<String, String> baseline) {
        sweep.form("twilio", path, baseline, f -> FakeTwilio.signed(system.url(path), f));
    }

    private static Map<String, String> slackSigned(Map<String, String> fields) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Installation.SLACK_SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal(("v0:" + timestamp + ":" + HttpSweep.formBody(fields)).getBytes(StandardCharsets.UTF_8));
            return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", "v0=" + HexFormat.of().formatHex(sig));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static String hex(int bytes) {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), 0, bytes);
    }

    private static final String EVENT = """
            {"routing_key": "", "event_action": "trigger", "dedup_key": "sweep/disk", "client": "Sweep monitor",
             "client_url": "https://monitoring.example.com",
             "payload": {"summary": "Disk full", "source": "db-1", "severity": "critical", "timestamp": "2026-01-01T00:00:00Z",
                         "component": "postgres", "group": "prod-datapipe", "class": "disk",
                         "custom_details": {"free space": "0 B", "mounts": {"/": "full"}}},
             "images": [{"src": "https://monitoring.example.com/disk.png", "href": "https://monitoring.example.com", "alt": "disk"}],
             "links": [{"href": "https://monitoring.example.com/db-1", "text": "db-1"}]}""";

    private static final String ALERTMANAGER = """
            {"receiver": "oncall", "status": "firing",
             "alerts": [{"status": "firing", "labels": {"alertname": "DiskFull", "instance": "db-1:9100", "severity": "critical"},
               "annotations": {"summary": "Disk full on db-1"}, "startsAt": "2026-01-01T00:00:00Z",
               "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph", "fingerprint": "5f0e1a7c9b3d2e41"}],
             "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {"alertname": "DiskFull"}, "commonAnnotations": {},
             "externalURL": "http://alertmanager:9093", "version": "4", "groupKey": "{}:{alertname=\\"DiskFull\\"}",
             "truncatedAlerts": 0}""";
}

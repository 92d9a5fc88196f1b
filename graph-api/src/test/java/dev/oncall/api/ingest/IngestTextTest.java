package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text no field may hold (NUL, the other C0 controls but tab and line breaks, DEL, half a
 * surrogate pair) anywhere in an alert, as PagerDuty's Events API and Alertmanager's webhook send
 * them, is a 400 naming the field: never a 500 that senders retry forever. Nothing is recorded.
 */
class IngestTextTest extends IngestTestBase {
    /** Writes every character outside ASCII as an escape, so text with half a surrogate pair travels as it is. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final List<String> NEVER_STORABLE = IntStream.concat(
                    IntStream.rangeClosed(0, 0x1F).filter(c -> c != '\t' && c != '\n' && c != '\r'),
                    IntStream.of(0x7F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF))
            .mapToObj(c -> "on" + (char) c + "call").toList();

    /** An event as PagerDuty documents it, with every field a sender may fill. */
    private ObjectNode event() {
        return (ObjectNode) JSON.readTree("""
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk-db-1",
                 "payload": {"summary": "Disk full on db-1", "source": "db-1", "severity": "critical",
                   "timestamp": "2015-07-17T08:42:58.315+0000", "component": "postgres", "group": "prod", "class": "disk",
                   "custom_details": {"free": "0%%", "mounts": ["/", "/var"], "nested": {"deeper": {"text": "x"}}}},
                 "images": [{"src": "https://example.com/graph.png", "href": "https://example.com", "alt": "graph"}],
                 "links": [{"href": "https://example.com/runbook", "text": "runbook"}],
                 "client": "Prometheus", "client_url": "https://prometheus.example.com", "unknown_field": "kept"}"""
                .formatted(scenario.eventsKey.secret()));
    }

    /** A webhook as Alertmanager sends it. */
    private ObjectNode webhook() {
        return (ObjectNode) JSON.readTree(AlertmanagerEndpointTest.webhook("firing",
                AlertmanagerEndpointTest.alert("firing", "f1", "DiskFull", "db-1:9100")));
    }

    @Test
    void badTextInAnyFieldOfAnEventIsA400NamingIt() {
        List<String> fields = List.of("dedup_key", "payload.summary", "payload.source", "payload.component",
                "payload.group", "payload.class", "payload.custom_details.free", "payload.custom_details.mounts[1]",
                "payload.custom_details.nested.deeper.text", "images[0].src", "images[0].href", "images[0].alt",
                "links[0].href", "links[0].text", "client", "client_url", "unknown_field");
        int i = 0;
        for (String field : fields) {
            for (int n = 0; n < 4; n++, i++) {
                ObjectNode event = event();
                set(event, field, NEVER_STORABLE.get(i % NEVER_STORABLE.size()));
                assertRefused("/v2/enqueue", event, field + ": must not contain");
            }
        }
        for (String bad : NEVER_STORABLE) {
            ObjectNode event = event();
            ((ObjectNode) event.at("/payload/custom_details")).put(bad, "value");
            assertRefused("/v2/enqueue", event, keyError("payload.custom_details.", bad));
        }
        assertThat(alerts("true")).as("nothing recorded").isZero();
    }

    @Test
    void badTextInAnyFieldOfAnAlertmanagerWebhookIsA400NamingIt() {
        String path = "/integrations/alertmanager/" + scenario.alertmanagerKey.secret();
        List<String> fields = List.of("groupKey", "receiver", "externalURL", "groupLabels.alertname",
                "commonLabels.alertname", "alerts[0].labels.alertname", "alerts[0].labels.instance",
                "alerts[0].annotations.summary", "alerts[0].generatorURL", "alerts[0].fingerprint", "alerts[0].startsAt");
        int i = 0;
        for (String field : fields) {
            for (int n = 0; n < 4; n++, i++) {
                ObjectNode webhook = webhook();
                set(webhook, field, NEVER_STORABLE.get(i % NEVER_STORABLE.size()));
                assertRefused(path, webhook, field + ": must not contain");
            }
        }
        for (String bad : NEVER_STORABLE) {
            ObjectNode webhook = webhook();
            ((ObjectNode) webhook.at("/alerts/0/labels")).put("team" + bad, "db");
            assertRefused(path, webhook, keyError("alerts[0].labels.", "team" + bad));
        }
        assertThat(alerts("true")).as("nothing recorded").isZero();
    }

    @Test
    void keysAreOneLineWhileSummariesAndAnnotationsMaySpanLines() {
        for (String lineBreak : List.of("\t", "\n", "\r")) {
            ObjectNode event = event();
            event.put("dedup_key", "disk" + lineBreak + "db-1");
            assertRefused("/v2/enqueue", event, "dedup_key: must be a single line");
            ObjectNode webhook = webhook();
            ((ObjectNode) webhook.at("/alerts/0")).put("fingerprint", "f" + lineBreak + "1");
            assertRefused("/integrations/alertmanager/" + scenario.alertmanagerKey.secret(), webhook,
                    "alerts[0].fingerprint: must be a single line");
        }
        ObjectNode event = event();
        ((ObjectNode) event.get("payload")).put("summary", "Disk full on db-1\n\tfree: 0%\r\n");
        assertThat(post("/v2/enqueue", JSON.writeValueAsString(event)).statusCode()).isEqualTo(202);
        ObjectNode webhook = webhook();
        ((ObjectNode) webhook.at("/alerts/0/annotations")).put("description", "line one\nline two");
        assertThat(post("/integrations/alertmanager/" + scenario.alertmanagerKey.secret(),
                JSON.writeValueAsString(webhook)).statusCode()).isEqualTo(202);
    }

    @Test
    void aLongSummaryOrSourceIsCutBetweenCharactersNeverInsideOne() {
        String emojis = "🔥".repeat(700);
        ObjectNode webhook = webhook();
        ((ObjectNode) webhook.at("/alerts/0/labels")).put("instance", "x" + emojis);
        ((ObjectNode) webhook.at("/alerts/0/annotations")).put("summary", "x" + emojis);
        assertThat(post("/integrations/alertmanager/" + scenario.alertmanagerKey.secret(), JSON.writeValueAsString(webhook))
                .statusCode()).isEqualTo(202);
        assertThat(alerts("length(summary) = 512 AND length(source) = 128")).isEqualTo(1);
    }

    @Test
    void aWebhookStatusOtherThanFiringOrResolvedIsA400NamingIt() {
        String path = "/integrations/alertmanager/" + scenario.alertmanagerKey.secret();
        for (String status : List.of("bogus", "", "FIRING", "pending", "firing ")) {
            ObjectNode group = webhook();
            group.put("status", status);
            assertRefused(path, group, "status: must be firing or resolved");
            ObjectNode alert = webhook();
            ((ObjectNode) alert.at("/alerts/0")).put("status", status);
            assertRefused(path, alert, "alerts[0].status: must");
        }
        ObjectNode number = webhook();
        number.put("status", 1);
        assertRefused(path, number, "status: must be a string");
        assertThat(alerts("true")).isZero();
    }

    /**
     * The error for a bad field name: named by its path, except that the JSON reader refuses a
     * name holding half a surrogate pair before anything can see it (the body is still a 400).
     */
    private static String keyError(String parent, String name) {
        return name.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? "body: is not valid JSON"
                : parent + shown(name) + ": the field's name must not contain";
    }

    private void assertRefused(String path, ObjectNode body, String error) {
        HttpResponse<String> r = post(path, JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(error + " <- " + body).isEqualTo(400);
        JsonNode answer = JSON.readTree(r.body());
        List<String> errors = new ArrayList<>();
        answer.get("errors").forEach(e -> errors.add(e.asString()));
        assertThat(errors).as(r.body() + " <- " + JSON.writeValueAsString(body)).anySatisfy(e -> assertThat(e).startsWith(error));
    }

    /** Puts {@code value} at {@code field} ({@code payload.custom_details.mounts[1]}), replacing what is there. */
    private static void set(ObjectNode root, String field, String value) {
        String[] steps = field.replace("[", ".[").split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            node = steps[i].startsWith("[") ? node.get(index(steps[i])) : node.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) node).set(index(last), value);
        } else {
            ((ObjectNode) node).put(last, value);
        }
    }

    private static int index(String step) {
        return Integer.parseInt(step.substring(1, step.length() - 1));
    }

    private static String shown(String text) {
        return dev.oncall.core.validation.Text.shown(text);
    }
}

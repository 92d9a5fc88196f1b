package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AlertmanagerEndpointTest extends IngestTestBase {

    static String alert(String status, String fingerprint, String name, String instance) {
        return """
                {"status": "%s", "labels": {"alertname": "%s", "instance": "%s", "severity": "warning"},
                 "annotations": {"summary": "%s is down on %s"}, "startsAt": "2025-06-01T08:00:00Z",
                 "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus/graph",
                 "fingerprint": "%s", "futureField": {"x": 1}}"""
                .formatted(status, name, instance, name, instance, fingerprint);
    }

    static String webhook(String status, String... alerts) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"Down\\"}", "truncatedAlerts": 0, "status": "%s",
                 "receiver": "oncall", "groupLabels": {"alertname": "Down"}, "commonLabels": {"alertname": "Down"},
                 "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "alerts": [%s]}"""
                .formatted(status, String.join(",", alerts));
    }

    String path() {
        return "/integrations/alertmanager/" + scenario.alertmanagerKey.secret();
    }

    @Test
    void eachFingerprintIsItsOwnAlertFiringTriggersAndResolvedResolves() {
        HttpResponse<String> r = post(path(), webhook("firing", alert("firing", "aaa1", "Down", "web-1:9100"),
                alert("firing", "bbb2", "Down", "web-2:9100")));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"status\":\"success\"");
        assertThat(alerts("status = 'triggered' AND severity = 'warning'")).isEqualTo(2);
        assertThat(alerts("dedup_key = 'aaa1' AND summary = 'Down is down on web-1:9100' AND source = 'web-1:9100'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ?", scenario.service)).isEqualTo(2);

        // Alertmanager repeats the group on every group_interval: counted, not re-opened.
        post(path(), webhook("firing", alert("firing", "aaa1", "Down", "web-1:9100"),
                alert("firing", "bbb2", "Down", "web-2:9100")));
        assertThat(alerts("event_count = 2")).isEqualTo(2);

        assertThat(post(path(), webhook("firing", alert("resolved", "aaa1", "Down", "web-1:9100"),
                alert("firing", "bbb2", "Down", "web-2:9100"))).statusCode()).isEqualTo(202);
        assertThat(alerts("status = 'resolved' AND dedup_key = 'aaa1'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ? AND status = 'resolved'",
                scenario.service)).isEqualTo(1);
    }

    @Test
    void malformedWebhooksAre400AndRecordNothing() {
        assertBad("{\"version\": \"4\"}", "alerts: is required");
        assertBad(webhook("firing", alert("pending", "f", "Down", "x")),
                "alerts[0].status: must be firing or resolved, got \\\"pending\\\"");
        assertBad(webhook("firing", "{\"status\": \"firing\"}"), "alerts[0].labels: is required");
        assertBad(webhook("firing", alert("firing", "ok", "Down", "x"), "{\"status\": \"firing\", \"labels\": {\"a\": 1}}"),
                "alerts[1].labels.a: must be a string");
        assertBad("{\"version\": \"5\", \"alerts\": []}", "version: only webhook version 4 is understood");
        assertBad("{", "body: is not valid JSON");
        assertThat(alerts("true")).isZero();
    }

    @Test
    void unknownKeysAndKeysOfAnotherIntegrationAre404() {
        assertThat(post("/integrations/alertmanager/" + "f".repeat(32), webhook("firing")).statusCode()).isEqualTo(404);
        assertThat(post("/integrations/alertmanager/" + scenario.eventsKey.secret(), webhook("firing")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aWebhookKeyIsHeldToTheRegionsRateLimitLikeAnEventsKey() {
        acceptedByAnotherGraphApi(scenario.alertmanagerKey, 18);
        String call = webhook("firing", alert("firing", "rate", "Down", "web-1:9100"));
        assertThat(post(path(), call).statusCode()).isEqualTo(202);
        assertThat(post(path(), call).statusCode()).isEqualTo(202);

        HttpResponse<String> r = post(path(), call);

        assertThat(r.statusCode()).as("20 of the key's 20 are taken, 18 by another graph-api").isEqualTo(429);
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
        assertThat(r.body()).startsWith("{\"status\":\"throttle exceeded\",");
        assertThat(alerts("event_count = 2")).isEqualTo(1);
    }

    @Test
    void alertsWithoutFingerprintAreKeyedByTheirLabels() {
        String noFingerprint = alert("firing", "x", "Down", "web-9").replace("\"fingerprint\": \"x\",", "");
        post(path(), webhook("firing", noFingerprint));
        post(path(), webhook("firing", noFingerprint));
        assertThat(alerts("event_count = 2 AND length(dedup_key) = 32")).isEqualTo(1);
    }

    private void assertBad(String body, String error) {
        HttpResponse<String> r = post(path(), body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"status\":\"invalid payload\"").contains(error);
    }
}

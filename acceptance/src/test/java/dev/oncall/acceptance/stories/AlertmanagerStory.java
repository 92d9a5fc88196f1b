package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prometheus Alertmanager posts a group of two firing alerts to the team's webhook integration,
 * exactly as it sends them (webhook version 4): each alert opens its own incident and pages the
 * person on call. When the group resolves, Alertmanager posts it again as resolved, and both
 * incidents resolve.
 */
@ExtendWith(InstallationExtension.class)
class AlertmanagerStory {
    private static final String GROUP = """
            {"receiver": "oncall", "status": "%1$s",
             "alerts": [
              {"status": "%1$s", "labels": {"alertname": "DiskFull", "instance": "db-1:9100", "severity": "critical"},
               "annotations": {"summary": "Disk full on db-1", "runbook_url": "https://runbooks.example.com/disk"},
               "startsAt": "%2$s", "endsAt": "%3$s",
               "generatorURL": "http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes+%%3D%%3D+0",
               "fingerprint": "5f0e1a7c9b3d2e41"},
              {"status": "%1$s", "labels": {"alertname": "DiskFull", "instance": "db-2:9100", "severity": "critical"},
               "annotations": {"summary": "Disk full on db-2"},
               "startsAt": "%2$s", "endsAt": "%3$s",
               "generatorURL": "http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes+%%3D%%3D+0",
               "fingerprint": "9a2c4e6f8b0d1e37"}],
             "groupLabels": {"alertname": "DiskFull"},
             "commonLabels": {"alertname": "DiskFull", "severity": "critical"},
             "commonAnnotations": {},
             "externalURL": "http://alertmanager:9093",
             "version": "4",
             "groupKey": "{}:{alertname=\\"DiskFull\\"}",
             "truncatedAlerts": 0}""";

    @Test
    void aFiringGroupOpensAnIncidentPerAlertAndItsResolutionClosesThem(Installation system) {
        Crew crew = Crew.of(system, "Databases", List.of("nia", "oli"), "pam", List.of());
        Person onCall = crew.onCallNow().getFirst();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(90);
        String url = system.url("/integrations/alertmanager/" + crew.alertmanagerKey);

        HttpResponse<String> firing = Http.postJson(url, GROUP.formatted("firing", started, "0001-01-01T00:00:00Z"));
        assertThat(firing.statusCode()).as(firing.body()).isBetween(200, 299);
        String db1 = crew.incidentTitled("Disk full on db-1");
        String db2 = crew.incidentTitled("Disk full on db-2");
        Poll.until("both pages on " + onCall.handle() + "'s phone", () -> {
            var texts = system.twilio().sentTo(onCall.phone());
            return texts.stream().anyMatch(t -> t.body().contains("db-1")) && texts.stream().anyMatch(t -> t.body().contains("db-2"));
        });

        // Alertmanager repeats the group while it fires: nothing new is opened.
        assertThat(Http.postJson(url, GROUP.formatted("firing", started, "0001-01-01T00:00:00Z")).statusCode()).isBetween(200, 299);
        assertThat(crew.incidentTitled("Disk full on db-1")).isEqualTo(db1);

        HttpResponse<String> resolved = Http.postJson(url, GROUP.formatted("resolved", started, started.plusSeconds(60)));
        assertThat(resolved.statusCode()).as(resolved.body()).isBetween(200, 299);
        for (String incident : List.of(db1, db2)) {
            Poll.until("incident " + incident + " resolved", () -> crew.incident(incident).get("status").asString().equals("RESOLVED"));
        }
        assertThat(crew.events(db1).stream().map(e -> e.get("kind").asString())).contains("TRIGGERED", "DEDUPLICATED", "RESOLVED");
    }
}

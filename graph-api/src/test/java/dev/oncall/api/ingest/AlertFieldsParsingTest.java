package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.alert.AlertField;
import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.FieldPath;
import dev.oncall.core.validation.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What routing and grouping will read of an event: the same fields whichever integration sent it. */
class AlertFieldsParsingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anEventsApiTriggerCarriesItsPayloadFieldsAndCustomDetails() {
        Problems problems = new Problems();
        var parsed = EventsV2Parser.parse(JSON.readTree("""
                {"routing_key": "k", "event_action": "trigger", "dedup_key": "d",
                 "payload": {"summary": "Disk full", "source": "db-1", "severity": "warning", "component": "disk",
                             "group": "storage", "class": "capacity",
                             "custom_details": {"region": "eu", "free_mb": 12, "tags": ["a"]}}}"""), problems);
        assertThat(problems.errors()).isEmpty();
        AlertFields fields = parsed.orElseThrow().event().fields();
        assertThat(fields.severity()).isEqualTo("warning");
        assertThat(fields.component()).isEqualTo("disk");
        assertThat(fields.group()).isEqualTo("storage");
        assertThat(fields.className()).isEqualTo("capacity");
        assertThat(fields.value(FieldPath.of(AlertField.CUSTOM_DETAILS, "region"))).contains("eu");
        assertThat(fields.value(FieldPath.of(AlertField.CUSTOM_DETAILS, "free_mb"))).contains("12");
        assertThat(fields.value(FieldPath.of(AlertField.CUSTOM_DETAILS, "tags"))).contains("[\"a\"]");
        assertThat(fields.value(FieldPath.of(AlertField.CUSTOM_DETAILS))).get().asString().contains("\"region\"");
    }

    @Test
    void customDetailsGivenAsTextAreReadWhole() {
        var parsed = EventsV2Parser.parse(JSON.readTree("""
                {"routing_key": "k", "event_action": "trigger",
                 "payload": {"summary": "s", "source": "h", "severity": "info", "custom_details": "free text"}}"""),
                new Problems());
        assertThat(parsed.orElseThrow().event().fields().value(FieldPath.of(AlertField.CUSTOM_DETAILS)))
                .contains("free text");
    }

    @Test
    void anAlertmanagerAlertCarriesItsLabelsAndAnnotations() {
        Problems problems = new Problems();
        var events = AlertmanagerParser.parse(JSON.readTree("""
                {"version": "4", "status": "firing", "alerts": [
                  {"status": "firing", "fingerprint": "f1",
                   "labels": {"alertname": "HighLatency", "severity": "page", "cluster": "eu-1"},
                   "annotations": {"summary": "p99 over 2 s", "runbook_url": "https://runbooks/latency"}}]}"""),
                problems);
        assertThat(problems.errors()).isEmpty();
        List<AlertFields> fields = events.orElseThrow().stream().map(e -> e.fields()).toList();
        assertThat(fields).singleElement().satisfies(f -> {
            assertThat(f.summary()).isEqualTo("p99 over 2 s");
            assertThat(f.severity()).isEqualTo("critical");
            assertThat(f.value(FieldPath.of(AlertField.LABELS, "cluster"))).contains("eu-1");
            assertThat(f.value(FieldPath.of(AlertField.ANNOTATIONS, "runbook_url"))).contains("https://runbooks/latency");
        });
    }
}

package dev.oncall.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.spec.Nodes;
import dev.oncall.core.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What routing and grouping read of an event, read here once for ingest, testRouting and the CLI. */
class AlertExtractionTest {
    private static JsonNode json(String text) {
        return Nodes.readTree(text, ScheduleSpec.Format.JSON);
    }

    @Test
    void anEventsApiEventGivesItsPayloadFieldsAndCustomDetails() {
        AlertFields f = EventsV2Alert.fields(json("""
                {"payload": {"summary": "Disk full", "source": "db-1", "severity": "warning", "class": "capacity",
                             "custom_details": {"region": "eu", "free_mb": 12}}}"""));
        assertThat(f.summary()).isEqualTo("Disk full");
        assertThat(f.className()).isEqualTo("capacity");
        assertThat(f.component()).isEmpty();
        assertThat(f.customDetails()).containsEntry("region", "eu").containsEntry("free_mb", "12").containsKey("");
    }

    @Test
    void anEventWithoutPayloadHasNoFields() {
        assertThat(EventsV2Alert.fields(json("{\"event_action\": \"resolve\"}"))).isEqualTo(AlertFields.NONE);
    }

    @Test
    void anAlertmanagerAlertDerivesSummarySourceAndSeverityFromLabelsAndAnnotations() {
        AlertFields f = AlertmanagerAlert.fields(json("""
                {"labels": {"alertname": "Down", "severity": "PAGE", "job": "node"}}"""), null);
        assertThat(f.summary()).isEqualTo("Down");
        assertThat(f.source()).isEqualTo("node");
        assertThat(f.severity()).isEqualTo("critical");
        assertThat(AlertmanagerAlert.fields(json("{\"labels\": {\"severity\": \"odd\"}}"), null).severity())
                .isEqualTo("error");
    }

    @Test
    void aWebhookGivesEachAlertWithTheWebhookAsSourceWhenNoLabelNamesOne() {
        JsonNode body = json("""
                {"externalURL": "http://am:9093", "alerts": [
                  {"labels": {"alertname": "A", "instance": "h:1"}, "annotations": {"description": " why "}},
                  "not an alert",
                  {"labels": {"alertname": "B"}}]}""");
        assertThat(AlertmanagerAlert.fieldsOf(body)).extracting(AlertFields::summary, AlertFields::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("why", "h:1"),
                        org.assertj.core.groups.Tuple.tuple("B", "http://am:9093"));
        assertThat(AlertShape.of(body)).isEqualTo(AlertShape.ALERTMANAGER_WEBHOOK);
    }

    @Test
    void aLongDerivedSummaryIsClippedWithoutSplittingAnEmoji() {
        String summary = "x".repeat(AlertFields.MAX_SUMMARY - 1) + "\uD83D\uDD25";
        AlertFields f = AlertmanagerAlert.fields(json("{\"labels\": {}, \"annotations\": {\"summary\": \"" + summary
                + "\"}}"), null);
        assertThat(f.summary()).hasSize(AlertFields.MAX_SUMMARY - 1);
    }
}

package dev.oncall.api.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.outbound.OutboundRule;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.outbound.HostResolver;
import dev.oncall.store.outbound.OutboundGuard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SlackPageRewriteTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A bundled page: two incidents, each with its own buttons. */
    private static final JsonNode BUNDLE = JSON.readTree("""
            [{"type": "section", "text": {"type": "mrkdwn", "text": "2 incidents"}},
             {"type": "actions", "block_id": "incident:a", "elements": [
               {"type": "button", "action_id": "%1$s", "value": "a-ack"},
               {"type": "button", "action_id": "%2$s", "value": "a-resolve"}]},
             {"type": "actions", "block_id": "incident:b", "elements": [
               {"type": "button", "action_id": "%1$s", "value": "b-ack"},
               {"type": "button", "action_id": "%2$s", "value": "b-resolve"}]}]"""
            .formatted(SlackController.ACK_ACTION, SlackController.RESOLVE_ACTION));

    @Test
    void anAcknowledgementLeavesThatIncidentOnlyItsResolveButtonAndTheOthersUntouched() {
        JsonNode after = SlackController.afterPress(BUNDLE, "incident:a", AckAction.ACKNOWLEDGE, "Acknowledged by <@U1>");

        assertThat(after).hasSize(4);
        assertThat(after.get(1).path("elements")).extracting(e -> e.path("value").asString()).containsExactly("a-resolve");
        assertThat(after.get(2).path("elements").path(0).path("text").asString()).isEqualTo("Acknowledged by <@U1>");
        assertThat(after.get(3)).isEqualTo(BUNDLE.get(2));
    }

    @Test
    void aResolveRemovesThatIncidentsButtons() {
        JsonNode after = SlackController.afterPress(BUNDLE, "incident:b", AckAction.RESOLVE, "Resolved by <@U1>");

        assertThat(after).hasSize(3);
        assertThat(after.get(1)).isEqualTo(BUNDLE.get(1));
        assertThat(after.get(2).path("type").asString()).isEqualTo("context");
    }

    @Test
    void aPageWithoutBlocksStillSaysWhatWasDone() {
        JsonNode after = SlackController.afterPress(JSON.missingNode(), "incident:a", AckAction.ACKNOWLEDGE, "done");
        assertThat(after).singleElement().satisfies(b -> assertThat(b.path("type").asString()).isEqualTo("context"));
    }

    @Test
    void onlyAllowedHostsAreCalled() {
        NotifyProperties.Slack slack = new NotifyProperties.Slack("", "s", "https://slack.com/api", Duration.ofSeconds(1),
                Duration.ofMinutes(5), List.of("hooks.slack.com"));
        SlackMessageUpdates updates = new SlackMessageUpdates(slack,
                new OutboundGuard(OutboundRule.strict(), HostResolver.SYSTEM));
        JsonNode blocks = JSON.createArrayNode();
        assertThat(updates.replace("http://hooks.slack.com/actions/1", "t", blocks)).as("plain http").isFalse();
        assertThat(updates.replace("https://hooks.slack.com@127.0.0.1/actions/1", "t", blocks)).isFalse();
        assertThat(updates.replace("https://attacker.example/actions/1", "t", blocks)).isFalse();
        assertThat(updates.replace("file:///etc/passwd", "t", blocks)).isFalse();
        assertThat(updates.replace("not a url at all", "t", blocks)).isFalse();
        assertThat(updates.replace("https://hooks.slack.com.attacker.example/x", "t", blocks)).isFalse();
    }
}

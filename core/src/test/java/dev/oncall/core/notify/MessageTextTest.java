package dev.oncall.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.Urgency;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageTextTest {
    private static final UUID USER = UUID.randomUUID();

    private static PagedIncident incident(String title, int code) {
        return new PagedIncident(UUID.randomUUID(), title, "checkout", Urgency.HIGH, OptionalInt.of(code));
    }

    @Test
    void singleSmsFitsOneSegmentAndKeepsTheInstructions() {
        Page page = new Page(USER, List.of(incident("disk full on db-1 ".repeat(20), 3)));
        String sms = MessageText.sms(page);
        assertThat(sms).hasSizeLessThanOrEqualTo(MessageText.SMS_SINGLE)
                .startsWith("[Oncall] HIGH checkout: disk full")
                .endsWith("Reply 3A to ack, 3R to resolve.");
    }

    @Test
    void bundledSmsListsEveryCodeWithinThreeSegments() {
        Page page = new Page(USER, IntStream.rangeClosed(1, 12)
                .mapToObj(i -> incident("latency above threshold on node " + i, i)).toList());
        String sms = MessageText.sms(page);
        assertThat(sms).hasSizeLessThanOrEqualTo(MessageText.SMS_BUNDLE)
                .startsWith("[Oncall] 12 incidents: 1) checkout")
                .contains("2) checkout").endsWith("Reply ACK ALL, or e.g. 1A to ack / 1R to resolve one.");
    }

    @Test
    void voiceAsksForAKey() {
        Page page = new Page(USER, List.of(incident("disk full", 1)));
        assertThat(MessageText.voice(page)).isEqualTo(
                "This is Oncall. High urgency incident on checkout. disk full. Press 1 to acknowledge. Press 2 to resolve.");
        Page bundle = new Page(USER, List.of(incident("a", 1), incident("b", 2)));
        assertThat(MessageText.voice(bundle)).contains("You have 2 open incidents").endsWith("Press 1 to acknowledge all of them.");
    }

    @Test
    void headlineNamesUrgencyServiceAndTitle() {
        assertThat(MessageText.emailSubject(new Page(USER, List.of(incident("disk full", 1)))))
                .isEqualTo("[Oncall] HIGH checkout: disk full");
        assertThat(MessageText.headline(new Page(USER, List.of(incident("a", 1), incident("b", 2)))))
                .isEqualTo("2 open incidents");
    }
}

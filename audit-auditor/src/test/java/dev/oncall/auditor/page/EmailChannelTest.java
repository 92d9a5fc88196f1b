package dev.oncall.auditor.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The last fallback, against an in-process SMTP server (GreenMail). */
class EmailChannelTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final PageEvent SILENT = new PageEvent(PageEvent.Action.TRIGGER, "oncall-audit/region_silent/eu",
            "No live regional-worker in region eu for 3 minutes", "region_silent", "eu", Map.of("lastSeen", "08:57Z"));

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(port);
        return sender;
    }

    @Test
    void whenTheEventsApiAndTheWebhookFailTheMailGoesOut() throws Exception {
        EmailChannel email = new EmailChannel(sender(smtp.getSmtp().getPort()), "auditor@example.com",
                List.of("sre@example.com", "lead@example.com"));
        Pager pager = new Pager(List.of(
                new EventsApiChannel("http://localhost:1/v2/enqueue", "key", Duration.ofSeconds(1), 1),
                new WebhookChannel("http://localhost:1/hook", Duration.ofSeconds(1), 1),
                email));

        assertThat(pager.deliver(SILENT)).contains("email");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("[Oncall audit] No live regional-worker in region eu for 3 minutes");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("auditor@example.com");
        assertThat(GreenMailUtil.getBody(received[0])).contains("kind: region_silent", "region: eu",
                "episode: oncall-audit/region_silent/eu", "lastSeen: 08:57Z");

        pager.deliver(new PageEvent(PageEvent.Action.RESOLVE, SILENT.dedupKey(), SILENT.summary(), SILENT.kind(),
                SILENT.region(), Map.of()));
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        assertThat(subjects).hasSize(4).filteredOn(t -> t.startsWith("[Oncall audit] RESOLVED: ")).hasSize(2);
    }

    @Test
    void anUnreachableSmtpServerIsAFailedPage() {
        EmailChannel email = new EmailChannel(sender(1), "auditor@example.com", List.of("sre@example.com"));
        assertThatThrownBy(() -> email.send(SILENT)).isInstanceOf(PageChannel.PageFailed.class)
                .hasMessageContaining("sre@example.com");
        assertThat(new Pager(List.of(email)).deliver(SILENT)).isEmpty();
    }
}

package dev.oncall.auditor.page;

import java.util.List;
import java.util.TreeMap;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The last fallback: a plain-text mail to directly configured people, through an SMTP server of
 * the operator's (not Oncall's own notification workers, which may be what broke).
 */
public final class EmailChannel implements PageChannel {
    private final JavaMailSender mail;
    private final String from;
    private final List<String> to;

    public EmailChannel(JavaMailSender mail, String from, List<String> to) {
        this.mail = mail;
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(PageEvent event) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        boolean resolve = event.action() == PageEvent.Action.RESOLVE;
        message.setSubject("[Oncall audit] " + (resolve ? "RESOLVED: " : "") + firstLine(event.summary()));
        StringBuilder text = new StringBuilder()
                .append(resolve ? "This problem has ended:\n\n" : "The Oncall auditor found a problem:\n\n")
                .append(event.summary()).append("\n\n")
                .append("kind: ").append(event.kind()).append('\n')
                .append("region: ").append(event.region()).append('\n')
                .append("episode: ").append(event.dedupKey()).append('\n');
        new TreeMap<>(event.details()).forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append("\nSent by oncall-audit-auditor because the Events API (and any fallback webhook) did not take it.\n");
        message.setText(text.toString());
        try {
            mail.send(message);
        } catch (MailException e) {
            throw new PageFailed("fallback email to " + to + " was not taken: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String summary) {
        String line = summary.lines().findFirst().orElse("");
        return line.length() > 150 ? line.substring(0, 150) + "…" : line;
    }
}

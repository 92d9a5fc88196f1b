package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.outbound.RetryPolicy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/**
 * Email over SMTP (Spring Boot's {@code spring.mail.*}), plain text and HTML, with
 * acknowledge and resolve links. The links open a confirmation page whose button acts, so a
 * mail scanner or link preview that fetches them acknowledges nothing.
 */
final class EmailChannel implements Channel {
    private final JavaMailSender mail;
    private final NotifyProperties.Email settings;
    private final ActionLinks links;

    EmailChannel(JavaMailSender mail, NotifyProperties.Email settings, ActionLinks links) {
        this.mail = mail;
        this.settings = settings;
        this.links = links;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.EMAIL;
    }

    @Override
    public String provider() {
        return "smtp";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        String messageId = "<" + delivery.messageId() + "@oncall>";
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(delivery.method().address());
            helper.setSubject(MessageText.emailSubject(delivery.message()));
            helper.setText(text(delivery), html(delivery));
            message.setHeader("X-Oncall-Message-Id", delivery.messageId().toString());
            message.saveChanges();
            // saveChanges assigns a Message-ID; ours is set after it so a resend is recognisable.
            message.setHeader("Message-ID", messageId);
            mail.send(message);
            return new Receipt(messageId);
        } catch (MailAuthenticationException | MailParseException e) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, "smtp refused: " + e.getMessage(), e);
        } catch (MailSendException e) {
            throw classify(e);
        } catch (MailException | MessagingException e) {
            throw RetryPolicy.timedOut(e)
                    ? new DeliveryException(DeliveryException.Kind.TIMEOUT, "smtp did not answer in time", e)
                    : new DeliveryException(DeliveryException.Kind.TRANSIENT, "smtp failed: " + e.getMessage(), e);
        }
    }

    private static DeliveryException classify(MailSendException e) {
        if (RetryPolicy.timedOut(e)) {
            return new DeliveryException(DeliveryException.Kind.TIMEOUT, "smtp did not answer in time", e);
        }
        for (Exception failed : e.getFailedMessages().values()) {
            for (Throwable t = failed; t != null; t = t.getCause()) {
                // 5xx from the server for the recipient: the address is refused for good.
                if (t instanceof SendFailedException s && s.getInvalidAddresses() != null
                        && s.getInvalidAddresses().length > 0) {
                    return new DeliveryException(DeliveryException.Kind.PERMANENT, "smtp refused the address: "
                            + s.getMessage(), e);
                }
            }
        }
        return new DeliveryException(DeliveryException.Kind.TRANSIENT, "smtp failed: " + e.getMessage(), e);
    }

    private String text(Delivery delivery) {
        StringBuilder s = new StringBuilder(MessageText.headline(delivery.message())).append("\n\n");
        delivery.noticeText().ifPresent(text -> s.append(text).append('\n'));
        for (PagedIncident i : delivery.incidents()) {
            s.append("- ").append(i.service()).append(" (").append(i.urgency().code()).append("): ").append(i.title())
                    .append('\n');
            Delivery.Actions actions = delivery.actionsOf(i);
            links.page(actions.acknowledge(), ContactMethodType.EMAIL)
                    .ifPresent(url -> s.append("  Acknowledge: ").append(url).append('\n'));
            links.page(actions.resolve(), ContactMethodType.EMAIL)
                    .ifPresent(url -> s.append("  Resolve: ").append(url).append('\n'));
        }
        return s.toString();
    }

    private String html(Delivery delivery) {
        StringBuilder s = new StringBuilder("<html><body><h2>")
                .append(HtmlUtils.htmlEscape(MessageText.headline(delivery.message()))).append("</h2>");
        delivery.noticeText().ifPresent(text -> s.append("<p>").append(HtmlUtils.htmlEscape(text)).append("</p>"));
        s.append("<ul>");
        for (PagedIncident i : delivery.incidents()) {
            s.append("<li><b>").append(HtmlUtils.htmlEscape(i.service())).append("</b> (").append(i.urgency().code())
                    .append("): ").append(HtmlUtils.htmlEscape(i.title()));
            Delivery.Actions actions = delivery.actionsOf(i);
            link(s, links.page(actions.acknowledge(), ContactMethodType.EMAIL), "Acknowledge");
            link(s, links.page(actions.resolve(), ContactMethodType.EMAIL), "Resolve");
            s.append("</li>");
        }
        return s.append("</ul></body></html>").toString();
    }

    private static void link(StringBuilder s, Optional<String> url, String label) {
        url.ifPresent(u -> s.append(" <a href=\"").append(HtmlUtils.htmlEscape(u)).append("\">").append(label)
                .append("</a>"));
    }
}

package dev.oncall.api.ack;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.Acknowledgements;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.AckToken;
import dev.oncall.store.notify.AckTokens;
import dev.oncall.store.notify.IncidentViews;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Acknowledge and resolve links in emails and webhooks. Opening a link ({@code GET}) only
 * shows what it would do and a button; the button's {@code POST} acts. Mail scanners and link
 * previews fetch links, they do not submit forms, so they acknowledge nothing.
 */
@RestController
class LinkController {
    /** The channels whose pages carry links; what a link was opened from is recorded on the event. */
    private static final Set<Channel> VIA = Set.of(Channel.EMAIL, Channel.WEBHOOK);
    private final Acknowledgements acknowledgements;
    private final IncidentViews incidents;

    LinkController(Acknowledgements acknowledgements, IncidentViews incidents) {
        this.acknowledgements = acknowledgements;
        this.incidents = incidents;
    }

    @GetMapping(path = "/ack/link", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@RequestParam(name = "token", required = false) String token,
                                   @RequestParam(name = "via", required = false) String via) {
        Channel channel = channel(via);
        if (token == null || token.isBlank()) {
            return page(400, "Link incomplete", "This link has no token. Open the whole link from your message.");
        }
        AckTokens.Redemption checked = acknowledgements.peek(token.strip());
        if (!checked.ok()) {
            return page(400, "Link not usable", "This link " + checked.refusal() + ".");
        }
        AckToken t = checked.token().orElseThrow();
        String verb = t.action() == AckAction.ACKNOWLEDGE ? "Acknowledge" : "Resolve";
        String title = incidents.load(java.util.List.of(t.incidentId())).values().stream()
                .map(v -> v.paged().service() + ": " + v.paged().title()).findFirst().orElse("this incident");
        return html(200, verb + " incident?", "<p>" + esc(title) + "</p>"
                + "<form method=\"post\" action=\"/ack/link\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + esc(token.strip()) + "\">"
                + "<input type=\"hidden\" name=\"via\" value=\"" + esc(channel.code()) + "\">"
                + "<button type=\"submit\">" + verb + "</button></form>");
    }

    @PostMapping(path = "/ack/link", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> act(@RequestParam(name = "token", required = false) String token,
                               @RequestParam(name = "via", required = false) String via) {
        if (token == null || token.isBlank()) {
            return page(400, "Link incomplete", "This link has no token. Open the whole link from your message.");
        }
        Acknowledgements.Result result = acknowledgements.withToken(token.strip(), channel(via), "token");
        if (!result.ok()) {
            return page(400, "Not done", "This link " + result.errors().getFirst().message() + ".");
        }
        String done = result.changed() ? "Incident " + result.done() : "Incident was already " + result.done();
        return html(200, done, "<p>" + esc(result.title()) + "</p>");
    }

    /** The contact method the link was sent on, as the worker wrote it in {@code via} (email by default). */
    private static Channel channel(String via) {
        return ContactMethodType.parse(via).map(Channel::of).filter(VIA::contains).orElse(Channel.EMAIL);
    }

    private static ResponseEntity<String> page(int status, String heading, String text) {
        return html(status, heading, "<p>" + esc(text) + "</p>");
    }

    private static ResponseEntity<String> html(int status, String heading, String html) {
        String body = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + esc(heading) + " - Oncall</title>"
                + "</head><body><h1>" + esc(heading) + "</h1>" + html + "</body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").body(body);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}

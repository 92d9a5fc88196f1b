package dev.oncall.api.ack;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.validation.Text;
import dev.oncall.store.notify.Acknowledgements;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.SmsReply;
import dev.oncall.core.notify.TwilioSignature;
import dev.oncall.store.notify.AckProperties;
import dev.oncall.store.notify.IncidentViews;
import dev.oncall.store.notify.Intent;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.notify.Receipts;
import dev.oncall.store.notify.ReplyCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: SMS replies, keypad presses in paging calls, and delivery statuses. Each
 * request must carry a valid {@code X-Twilio-Signature} for the public URL it was sent to;
 * anything else is refused with 403 before it is read further.
 */
@RestController
@RequestMapping("/webhooks/twilio")
class TwilioController {
    private static final Pattern TWILIO_STATUS = Pattern.compile("[a-z][a-z-]{0,31}");
    private static final Logger log = LoggerFactory.getLogger(TwilioController.class);
    private final Acknowledgements acknowledgements;
    private final ReplyCodes replyCodes;
    private final IncidentViews incidents;
    private final Receipts receipts;
    private final NotifyProperties.Twilio twilio;
    private final AckProperties ack;
    private final Clock clock;

    TwilioController(Acknowledgements acknowledgements, ReplyCodes replyCodes, IncidentViews incidents, Receipts receipts,
                     NotifyProperties notify, AckProperties ack, Clock clock) {
        this.acknowledgements = acknowledgements;
        this.replyCodes = replyCodes;
        this.incidents = incidents;
        this.receipts = receipts;
        this.twilio = notify.twilio();
        this.ack = ack;
        this.clock = clock;
    }

    @PostMapping(path = "/sms", produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> sms(HttpServletRequest request) {
        Map<String, List<String>> params = params(request);
        if (!signed(request, params)) {
            return forbidden();
        }
        Optional<ResponseEntity<String>> unreadable = unreadable(params);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        String from = first(params, "From");
        Optional<SmsReply> reply = SmsReply.parse(first(params, "Body"));
        if (reply.isEmpty()) {
            return twiml("<Message>" + xml(SmsReply.help()) + "</Message>");
        }
        List<String> answers = new ArrayList<>();
        for (UUID user : replyCodes.usersWithNumber(from)) {
            List<UUID> targets = reply.get().code().isPresent()
                    ? replyCodes.incident(user, reply.get().code().getAsInt()).stream().toList()
                    : replyCodes.triggeredIncidents(user);
            for (UUID incident : targets) {
                Acknowledgements.Result result = acknowledgements.act(incident, user, reply.get().action(), Channel.SMS);
                answers.add(result.ok()
                        ? (result.changed() ? capitalized(result.done()) : "Already " + result.done()) + ": "
                        + result.title() : "Not done: " + result.errors().getFirst().message());
            }
        }
        if (answers.isEmpty()) {
            return twiml("<Message>" + xml(reply.get().code().isPresent()
                    ? "No incident has the number " + reply.get().code().getAsInt() + " for you."
                    : "You have no open incidents to acknowledge.") + "</Message>");
        }
        return twiml("<Message>" + xml(String.join("\n", answers)) + "</Message>");
    }

    /** The key pressed in a paging call: 1 acknowledges the call's incidents, 2 resolves a single one. */
    @PostMapping(path = "/voice", produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> voice(HttpServletRequest request) {
        Map<String, List<String>> params = params(request);
        if (!signed(request, params)) {
            return forbidden();
        }
        Optional<ResponseEntity<String>> unreadable = unreadable(params);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        List<Intent> paged;
        try {
            paged = incidents.intentsOfMessage(UUID.fromString(first(params, "message")));
        } catch (IllegalArgumentException | NullPointerException e) {
            paged = List.of();
        }
        List<UUID> incidentIds = paged.stream().map(Intent::incidentId).distinct().toList();
        String digits = first(params, "Digits");
        AckAction action = "1".equals(digits) ? AckAction.ACKNOWLEDGE
                : "2".equals(digits) && incidentIds.size() == 1 ? AckAction.RESOLVE : null;
        if (paged.isEmpty() || action == null) {
            return twiml("<Say>Nothing was changed. Goodbye.</Say>");
        }
        UUID user = paged.getFirst().userId();
        int done = 0;
        for (UUID incident : incidentIds) {
            if (acknowledgements.act(incident, user, action, Channel.VOICE).ok()) {
                done++;
            }
        }
        String what = action.result().code();
        return twiml("<Say>" + (done == 0 ? "Nothing was changed." : done == 1 ? "Incident " + what + "."
                : done + " incidents " + what + ".") + " Goodbye.</Say>");
    }

    /** Delivery receipts for messages and calls we created. */
    @PostMapping("/status")
    ResponseEntity<String> status(HttpServletRequest request) {
        Map<String, List<String>> params = params(request);
        if (!signed(request, params)) {
            return ResponseEntity.status(403).build();
        }
        Optional<ResponseEntity<String>> unreadable = unreadable(params);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        String sid = Optional.ofNullable(first(params, "MessageSid")).orElse(first(params, "CallSid"));
        String statusField = first(params, "MessageStatus") != null ? "MessageStatus" : "CallStatus";
        String status = first(params, statusField);
        if (sid == null || status == null) {
            return plain400((sid == null ? "MessageSid" : statusField) + ": required");
        }
        // Twilio's statuses are short lowercase words (queued, sent, delivered, no-answer, ...);
        // anything else was not sent by Twilio and is kept nowhere.
        if (!TWILIO_STATUS.matcher(status).matches()) {
            return plain400(statusField + ": not a Twilio status (lowercase letters and '-', at most 32)");
        }
        receipts.record("twilio", sid, status, outcome(status), clock.instant());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<String> plain400(String problem) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(problem);
    }

    static Receipts.Outcome outcome(String status) {
        return switch (status) {
            case "delivered", "read", "completed" -> Receipts.Outcome.DELIVERED;
            case "undelivered", "failed", "busy", "no-answer", "canceled" -> Receipts.Outcome.FAILED;
            default -> Receipts.Outcome.IN_PROGRESS;
        };
    }

    private boolean signed(HttpServletRequest request, Map<String, List<String>> params) {
        String query = request.getQueryString();
        String url = ack.url(request.getRequestURI()) + (query == null ? "" : "?" + query);
        // Query parameters are part of the URL Twilio signed, not of the POST parameters.
        Map<String, List<String>> body = new LinkedHashMap<>(params);
        if (query != null) {
            for (String pair : query.split("&")) {
                body.remove(java.net.URLDecoder.decode(pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        boolean ok = TwilioSignature.valid(twilio.authToken(), url, body, request.getHeader("X-Twilio-Signature"));
        if (!ok) {
            log.warn("refused a Twilio webhook to {} with a missing or wrong signature", request.getRequestURI());
        }
        return ok;
    }

    /**
     * A 400 naming the first parameter holding what no text may (NUL, a lone surrogate): Twilio
     * never sends one, and it could be neither matched nor stored.
     */
    private static Optional<ResponseEntity<String>> unreadable(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(Text::freeTextProblem).flatMap(Optional::stream)
                        .map(problem -> e.getKey() + ": " + problem))
                .findFirst()
                .map(problem -> ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(problem));
    }

    private static Map<String, List<String>> params(HttpServletRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
        return params;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static ResponseEntity<String> twiml(String inner) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML)
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + inner + "</Response>");
    }

    private static ResponseEntity<String> forbidden() {
        return ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body("invalid signature");
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

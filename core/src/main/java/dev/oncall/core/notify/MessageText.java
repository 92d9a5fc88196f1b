package dev.oncall.core.notify;

import dev.oncall.core.user.Urgency;
import dev.oncall.core.verification.VerificationLimits;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The words of a page, channel by channel. Short channels (SMS, push titles) are cut to fit,
 * never the instructions: a person must always learn how to acknowledge.
 */
public final class MessageText {
    /** One SMS segment; a single-incident page fits in it. */
    public static final int SMS_SINGLE = 160;
    /** A bundle may take up to three segments before titles are cut. */
    public static final int SMS_BUNDLE = 459;
    public static final int TITLE_MAX = 120;
    public static final String VERIFICATION_HEADLINE = "Oncall verification code";

    private MessageText() {}

    /** One line naming the page: {@code HIGH checkout: disk full} or {@code 3 open incidents}. */
    public static String headline(Page page) {
        if (page.bundled()) {
            return page.incidents().size() + " open incidents";
        }
        PagedIncident i = page.first();
        return cut(urgency(i.urgency()) + " " + i.service() + ": " + i.title(), TITLE_MAX);
    }

    public static String sms(Page page) {
        if (!page.bundled()) {
            PagedIncident i = page.first();
            String code = i.replyCode().isPresent() ? String.valueOf(i.replyCode().getAsInt()) : null;
            String instructions = code == null ? "" : " Reply " + code + "A to ack, " + code + "R to resolve.";
            String prefix = "[Oncall] " + urgency(i.urgency()) + " " + i.service() + ": ";
            int room = SMS_SINGLE - prefix.length() - instructions.length();
            return prefix + cut(i.title(), Math.max(room, 20)) + instructions;
        }
        String instructions = " Reply ACK ALL, or e.g. 1A to ack / 1R to resolve one.";
        String prefix = "[Oncall] " + page.incidents().size() + " incidents: ";
        int room = SMS_BUNDLE - prefix.length() - instructions.length();
        int each = Math.max(20, room / page.incidents().size() - 4);
        StringJoiner list = new StringJoiner("; ");
        for (PagedIncident i : page.incidents()) {
            String code = i.replyCode().isPresent() ? i.replyCode().getAsInt() + ") " : "";
            list.add(code + cut(i.service() + ": " + i.title(), each));
        }
        return prefix + cut(list.toString(), Math.max(room, 40)) + instructions;
    }

    /** What the phone call says before it asks for a key. */
    public static String voice(Page page) {
        if (!page.bundled()) {
            PagedIncident i = page.first();
            return "This is Oncall. " + spokenUrgency(i.urgency()) + " incident on " + i.service() + ". "
                    + cut(i.title(), 300) + ". Press 1 to acknowledge. Press 2 to resolve.";
        }
        StringBuilder s = new StringBuilder("This is Oncall. You have " + page.incidents().size()
                + " open incidents. ");
        int n = 1;
        for (PagedIncident i : page.incidents().subList(0, Math.min(3, page.incidents().size()))) {
            s.append("Incident ").append(n++).append(", on ").append(i.service()).append(": ")
                    .append(cut(i.title(), 120)).append(". ");
        }
        return s.append("Press 1 to acknowledge all of them.").toString();
    }

    /** A notice as a text message. */
    public static String sms(Notice notice) {
        return cut("[Oncall] " + notice.text(), SMS_SINGLE);
    }

    /** A verification code as a text message. */
    public static String sms(Verification verification) {
        return "[Oncall] Your verification code is " + verification.secret() + ". It expires in "
                + VerificationLimits.CODE_TTL.toMinutes() + " minutes. If you did not ask for it, ignore this message.";
    }

    /** What a verification call says: the digits one by one, twice, so they can be written down. */
    public static String voice(Verification verification) {
        String spoken = String.join(", ", verification.secret().split(""));
        return "This is Oncall. Your verification code is " + spoken + ". Again: " + spoken + ".";
    }

    /**
     * The words of a verification code where a message has a body (email, Slack, push). Never
     * the headline: headlines are what log lines and lock screens show.
     */
    public static String text(Verification verification) {
        return "Your Oncall verification code is " + verification.secret() + ". Enter it in Oncall to verify this "
                + "contact method; it expires in " + VerificationLimits.CODE_TTL.toMinutes() + " minutes. If you did "
                + "not ask for it, ignore this message.";
    }

    /**
     * The words of any message as one short line: a page's headline, a notice's subject. A
     * verification's headline never holds its code.
     */
    public static String headline(Message message) {
        return switch (message) {
            case Page page -> headline(page);
            case Notice notice -> notice.subject();
            case Verification v -> VERIFICATION_HEADLINE;
        };
    }

    public static String sms(Message message) {
        return switch (message) {
            case Page page -> sms(page);
            case Notice notice -> sms(notice);
            case Verification v -> sms(v);
        };
    }

    public static String voice(Message message) {
        return switch (message) {
            case Page page -> voice(page);
            case Notice notice -> "This is Oncall. " + notice.text();
            case Verification v -> voice(v);
        };
    }

    /** The body of a message that is not a page (a notice's text, a verification's code), or empty for a page. */
    public static Optional<String> text(Message message) {
        return switch (message) {
            case Page page -> Optional.empty();
            case Notice notice -> Optional.of(notice.text());
            case Verification v -> Optional.of(text(v));
        };
    }

    public static String emailSubject(Message message) {
        return "[Oncall] " + headline(message);
    }

    private static String urgency(Urgency u) {
        return u.code().toUpperCase(Locale.ROOT);
    }

    private static String spokenUrgency(Urgency u) {
        return u == Urgency.HIGH ? "High urgency" : "Low urgency";
    }

    /** Cuts {@code text} to {@code max} characters, marking the cut with an ellipsis. */
    public static String cut(String text, int max) {
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= max) {
            return t;
        }
        return t.substring(0, Math.max(0, max - 1)).stripTrailing() + "…";
    }
}

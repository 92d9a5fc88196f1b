package dev.oncall.core.notify;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's answer to a paging SMS. Each of their open incidents has a short number (its
 * reply code, shown in the message); they answer {@code 1A} or {@code ACK 1} to acknowledge
 * incident 1, {@code 1R} or {@code RES 1} to resolve it, or {@code ACK ALL} to acknowledge
 * every incident they were paged for. Case, spaces and trailing punctuation are ignored.
 *
 * @param code   the incident's reply code; empty means all of them (acknowledge only)
 * @param action what to do
 */
public record SmsReply(OptionalInt code, AckAction action) {
    public static final int MAX_CODE = 9999;
    private static final Pattern CODE_FIRST = Pattern.compile("(\\d{1,4})\\s*([AR])");
    private static final Pattern WORD_FIRST = Pattern.compile("(ACK|ACKNOWLEDGE|RES|RESOLVE|CLOSE)\\s*(\\d{1,4}|ALL)");

    public static Optional<SmsReply> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replaceAll("[.!]+$", "").strip();
        Matcher codeFirst = CODE_FIRST.matcher(t);
        if (codeFirst.matches()) {
            AckAction action = codeFirst.group(2).equals("A") ? AckAction.ACKNOWLEDGE : AckAction.RESOLVE;
            return code(codeFirst.group(1)).map(c -> new SmsReply(OptionalInt.of(c), action));
        }
        Matcher m = WORD_FIRST.matcher(t);
        if (m.matches()) {
            AckAction action = m.group(1).startsWith("ACK") ? AckAction.ACKNOWLEDGE : AckAction.RESOLVE;
            if (m.group(2).equals("ALL")) {
                // Resolving everything from one short text is too easy to do by mistake.
                return action == AckAction.ACKNOWLEDGE
                        ? Optional.of(new SmsReply(OptionalInt.empty(), action)) : Optional.empty();
            }
            return code(m.group(2)).map(c -> new SmsReply(OptionalInt.of(c), action));
        }
        return Optional.empty();
    }

    private static Optional<Integer> code(String digits) {
        int c = Integer.parseInt(digits);
        return c >= 1 && c <= MAX_CODE ? Optional.of(c) : Optional.empty();
    }

    /** What to tell someone whose reply was not understood. */
    public static String help() {
        return "Reply with the incident number and A to acknowledge or R to resolve (e.g. 1A), or ACK ALL.";
    }
}

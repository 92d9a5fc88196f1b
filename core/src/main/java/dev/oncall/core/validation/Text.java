package dev.oncall.core.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * What text taken from outside may hold, and the length and blankness checks of configuration
 * fields. There are two kinds of text:
 *
 * <ul>
 *   <li>a <em>line</em>: names, handles, ids, keys, addresses. No control character at all;</li>
 *   <li><em>free text</em>: descriptions, notes, reasons, alert summaries and details, schedule
 *       files. Tab, line feed and carriage return are allowed, no other control character.</li>
 * </ul>
 *
 * <p>Neither may hold another C0 control character (U+0000 to U+001F), DEL (U+007F) or half of a
 * surrogate pair. PostgreSQL refuses NUL in text and in JSONB, and an unpaired surrogate has no
 * UTF-8 encoding, so such text could never be stored; the other control characters mean nothing
 * in an on-call system but make look-alike names and garble the messages, logs and terminals the
 * text ends up in. Refusing them where text comes in, naming the field, is what lets every
 * writer further in assume storable text.
 */
public final class Text {
    private Text() {}

    /** The reason {@code value} is not a valid line of text, if it is not one. */
    public static Optional<String> lineProblem(String value) {
        return problem(value, false);
    }

    /** The reason {@code value} is not valid free text, if it is not. */
    public static Optional<String> freeTextProblem(String value) {
        return problem(value, true);
    }

    /** Records a problem unless {@code value} (if given) is a valid line of text. */
    public static boolean line(Problems problems, String field, String value) {
        return record(problems, field, value == null ? Optional.empty() : lineProblem(value));
    }

    /** Records a problem unless {@code value} (if given) is valid free text. */
    public static boolean freeText(Problems problems, String field, String value) {
        return record(problems, field, value == null ? Optional.empty() : freeTextProblem(value));
    }

    /** A required name: present, and a {@linkplain #name valid name}. */
    public static void required(Problems problems, String field, String value, int max) {
        if (value == null) {
            problems.add(field, "is required");
        } else {
            name(problems, field, value, max);
        }
    }

    /**
     * A name (of a person, a team, a layer, a token; a handle, an id, an address): not blank, a
     * {@linkplain #line line}, no surrounding white space, at most {@code max} characters. A null
     * value is skipped: it was missing or unreadable, and whoever read it said so (use
     * {@link #required} where nobody did).
     */
    public static void name(Problems problems, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            problems.add(field, "must not be blank");
        } else if (value.length() > max) {
            problems.add(field, "must be at most " + max + " characters, got " + value.length());
        } else if (line(problems, field, value) && !value.strip().equals(value)) {
            problems.add(field, "must not start or end with white space, got \"" + value + "\"");
        }
    }

    /** An optional free-text field (a description, a reason): short enough, lines allowed. */
    public static void optional(Problems problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field, "must be at most " + max + " characters, got " + value.length());
        } else {
            freeText(problems, field, value);
        }
    }

    /** An optional one-line field (a label): short enough, no control character. */
    public static void optionalLine(Problems problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field, "must be at most " + max + " characters, got " + value.length());
        } else {
            line(problems, field, value);
        }
    }

    /**
     * {@code value} with every character {@link #freeTextProblem} or {@link #lineProblem} would
     * refuse written as a {@code \}{@code uXXXX} escape, for showing refused input (a JSON key,
     * say) inside a message without carrying the character itself along.
     */
    public static String shown(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (forbidden(value, i, false)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean record(Problems problems, String field, Optional<String> problem) {
        problem.ifPresent(message -> problems.add(field, message));
        return problem.isEmpty();
    }

    private static Optional<String> problem(String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            if (forbidden(value, i, lineBreaksAllowed)) {
                char c = value.charAt(i);
                String position = String.format(Locale.ROOT, "U+%04X at character %d", (int) c, i + 1);
                if (Character.isSurrogate(c)) {
                    return Optional.of("must not contain half of a surrogate pair (" + position + ")");
                }
                if (isLineBreakOrTab(c)) {
                    return Optional.of("must be a single line without tabs (" + position + ")");
                }
                return Optional.of("must not contain control characters (" + position + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether the character at {@code i} is refused (a surrogate is refused unless it is half of a pair). */
    private static boolean forbidden(String s, int i, boolean lineBreaksAllowed) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return !(lineBreaksAllowed && isLineBreakOrTab(c));
        }
        if (c == 0x7F) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static boolean isLineBreakOrTab(char c) {
        return c == '\t' || c == '\n' || c == '\r';
    }
}

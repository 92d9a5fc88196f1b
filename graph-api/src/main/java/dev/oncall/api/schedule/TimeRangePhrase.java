package dev.oncall.api.schedule;

import dev.oncall.core.validation.Text;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ocpsoft.prettytime.shade.com.joestelmach.natty.DateGroup;
import org.ocpsoft.prettytime.shade.com.joestelmach.natty.Parser;

/**
 * A time range said in English ("tomorrow 9am to 5pm", "next Tuesday 18:00 for 12 hours") read
 * as two instants in a zone, relative to a given "now". Either the whole phrase is understood
 * as exactly one range or it is refused with a message saying why: nothing is guessed (a day
 * without a time of day, a single time without an end, words left over are refused).
 *
 * <p>The dates are natty's grammar as shipped (shaded) in {@code prettytime-nlp}. Its own
 * {@code PrettyTimeParser} is not used: it either takes no reference date ({@code parseSyntax})
 * or answers bare dates without telling which words it read ({@code parse}), and both are needed.
 * natty's {@code Parser(TimeZone).parse(text, referenceDate)} takes the zone per instance and the
 * reference date per call, and builds its lexer, parser and walker (whose calendar source holds
 * that date) afresh each call; nothing reads the JVM's default zone or clock. A new parser per
 * call keeps even the zone unshared. "for N hours|minutes" is not in natty's grammar: it is read
 * here, as a {@link Duration} of a number and a unit word, nothing more, and added to the start
 * as elapsed time (so 12 hours across a DST change end 12 real hours later).
 */
public final class TimeRangePhrase {
    /** Longest phrase read; a range is said in a few words, and the grammar's work grows with length. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern FOR = Pattern.compile(
            "^(.*?)\\s+for\\s+(\\d{1,4})\\s*(hours?|hrs?|minutes?|mins?)$", Pattern.CASE_INSENSITIVE);
    private static final String EXAMPLE = "e.g. \"tomorrow 9am to 5pm\" or \"next Tuesday 18:00 for 12 hours\"";

    /** A range understood; the local times are in {@code zone}, minutes or seconds as given. */
    public record Range(Instant start, Instant end, ZoneId zone) {
        public LocalDateTime startLocal() {
            return LocalDateTime.ofInstant(start, zone);
        }

        public LocalDateTime endLocal() {
            return LocalDateTime.ofInstant(end, zone);
        }
    }

    /** Why a phrase was not understood, said for the person who wrote it. */
    public static final class NotUnderstood extends Exception {
        NotUnderstood(String message) {
            super(message, null, false, false);
        }
    }

    private TimeRangePhrase() {}

    public static Range parse(String text, ZoneId zone, Instant now) throws NotUnderstood {
        if (text == null || text.isBlank()) {
            throw new NotUnderstood("Describe a time range, " + EXAMPLE + ".");
        }
        if (text.length() > MAX_LENGTH) {
            throw new NotUnderstood("At most " + MAX_LENGTH + " characters.");
        }
        String bad = Text.freeTextProblem(text).orElse(null);
        if (bad != null) {
            throw new NotUnderstood(bad);
        }
        String phrase = text.strip().replaceAll("\\s+", " ");
        Duration length = null;
        Matcher m = FOR.matcher(phrase);
        if (m.matches()) {
            phrase = m.group(1).strip();
            long n = Long.parseLong(m.group(2));
            length = m.group(3).toLowerCase(Locale.ROOT).startsWith("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
            if (length.isZero()) {
                throw new NotUnderstood("A range lasts at least a minute.");
            }
        }
        List<DateGroup> groups = new Parser(TimeZone.getTimeZone(zone)).parse(phrase, Date.from(now));
        if (groups.isEmpty()) {
            throw new NotUnderstood("Not understood as a time; " + EXAMPLE + ".");
        }
        if (groups.size() > 1) {
            throw new NotUnderstood("That names more than one time; say one range, " + EXAMPLE + ".");
        }
        DateGroup g = groups.getFirst();
        String read = g.getText() == null ? "" : g.getText().strip();
        if (!read.equalsIgnoreCase(phrase)) {
            throw new NotUnderstood("Only \"" + read + "\" was understood" + (length == null ? "" : " before \"for\"")
                    + "; say the whole range, " + EXAMPLE + ".");
        }
        if (g.isRecurring()) {
            throw new NotUnderstood("That repeats; say one range, " + EXAMPLE + ".");
        }
        if (g.isTimeInferred()) {
            throw new NotUnderstood("Say the time of day too (\"9am\", \"18:00\"), " + EXAMPLE + ".");
        }
        List<Date> dates = g.getDates();
        Instant start = dates.getFirst().toInstant();
        Instant end;
        if (length != null) {
            if (dates.size() != 1) {
                throw new NotUnderstood("Give a start and a length, or a start and an end, not both.");
            }
            end = start.plus(length);
        } else if (dates.size() == 2) {
            end = dates.get(1).toInstant();
        } else if (dates.size() == 1) {
            throw new NotUnderstood("Say when it ends: \"… to 5pm\" or \"… for 8 hours\".");
        } else {
            throw new NotUnderstood("That names more than two times; say one range, " + EXAMPLE + ".");
        }
        if (!end.isAfter(start)) {
            throw new NotUnderstood("It ends (" + LocalDateTime.ofInstant(end, zone).truncatedTo(ChronoUnit.MINUTES)
                    + ") before it starts (" + LocalDateTime.ofInstant(start, zone).truncatedTo(ChronoUnit.MINUTES)
                    + "); say the end's day too, e.g. \"tonight 10pm to tomorrow 6am\".");
        }
        return new Range(start, end, zone);
    }
}

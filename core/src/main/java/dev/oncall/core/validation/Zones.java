package dev.oncall.core.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The time zones input may name: exactly the names of the IANA time zone database ({@code
 * Europe/London}, {@code UTC}, {@code Etc/GMT+5}, {@code EST}), the same for a schedule, a person,
 * a schedule file and the CLI.
 *
 * <p>{@link ZoneId#of} is looser: it also takes offsets ({@code +05:00}, {@code UTC+5},
 * {@code GMT+5}) and the JDK's own {@code SystemV/…} ids. An offset is not a zone: it has no
 * daylight-saving rules, so "09:00 in UTC+1" silently stops meaning London's 09:00 in summer,
 * and {@code SystemV} names are in no other system. Both are refused, with the IANA name to use
 * instead where there is one.
 *
 * <p>The JDK's copy of the database leaves out a few names IANA keeps as links ({@code EST},
 * {@code MST}, {@code HST}, {@code ROC}, {@code GMT+0}, {@code GMT-0}); those are accepted and
 * resolved as IANA resolves them, so a schedule given {@code EST} reads back as
 * {@code America/Panama}.
 */
public final class Zones {
    /** IANA links (tzdata "backward") missing from the JDK's tz database, and the zone each names. */
    private static final Map<String, String> LINKS = Map.of(
            "EST", "America/Panama",
            "MST", "America/Phoenix",
            "HST", "Pacific/Honolulu",
            "ROC", "Asia/Taipei",
            "GMT+0", "Etc/GMT",
            "GMT-0", "Etc/GMT");

    private static final SortedSet<String> NAMES = names(ZoneId.getAvailableZoneIds());

    private Zones() {}

    /** Every name {@link #parse} accepts. */
    public static SortedSet<String> names() {
        return NAMES;
    }

    /** The zone an IANA name stands for; empty for anything else (offsets, SystemV ids, unknown names). */
    public static Optional<ZoneId> parse(String name) {
        if (name == null || !NAMES.contains(name)) {
            return Optional.empty();
        }
        String target = ZoneId.getAvailableZoneIds().contains(name) ? name : LINKS.get(name);
        return Optional.of(ZoneId.of(target));
    }

    /** The zone {@code name} stands for, or null after recording why it is refused under {@code field}. */
    public static ZoneId check(Problems problems, String field, String name) {
        if (name == null || name.isBlank()) {
            problems.add(field, "is required");
            return null;
        }
        Optional<ZoneId> zone = parse(name);
        if (zone.isEmpty()) {
            problems.add(field, problem(name));
            return null;
        }
        return zone.get();
    }

    private static String problem(String name) {
        String shown = "\"" + Text.shown(name) + "\"";
        Optional<String> sameLetters = NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
        if (sameLetters.isPresent()) {
            return "unknown time zone " + shown + ": IANA names are case-sensitive, did you mean \""
                    + sameLetters.get() + "\"?";
        }
        Optional<ZoneOffset> offset = offset(name);
        if (offset.isPresent()) {
            return shown + " is a fixed offset, not a time zone: use the IANA name of the place (such as Europe/Paris)"
                    + etcName(offset.get()).map(n -> ", or " + n + " for a zone that stays at this offset all year")
                    .orElse("");
        }
        if (name.startsWith("SystemV/")) {
            return shown + " is a Java-only zone id, not an IANA name: use the IANA name of the place "
                    + "(such as America/New_York)";
        }
        return "unknown time zone " + shown + ": use an IANA time zone name such as Europe/London, "
                + "America/New_York or UTC";
    }

    /** The offset a name that is not an IANA name stands for ({@code +05:00}, {@code UTC+5}, {@code GMT-03:30}). */
    private static Optional<ZoneOffset> offset(String name) {
        try {
            ZoneId id = ZoneId.of(name);
            return id.getRules().isFixedOffset() && !name.startsWith("SystemV/")
                    ? Optional.of(id.getRules().getOffset(Instant.EPOCH)) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** IANA's fixed-offset zone for a whole-hour offset; its sign is inverted (Etc/GMT-5 is UTC+5). */
    private static Optional<String> etcName(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds % 3600 != 0) {
            return Optional.empty();
        }
        int hours = seconds / 3600;
        String name = hours == 0 ? "Etc/UTC" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
        return NAMES.contains(name) ? Optional.of(name) : Optional.empty();
    }

    private static SortedSet<String> names(Set<String> available) {
        SortedSet<String> names = new TreeSet<>();
        for (String id : available) {
            if (!id.startsWith("SystemV/")) {
                names.add(id);
            }
        }
        LINKS.forEach((link, target) -> {
            if (available.contains(target)) {
                names.add(link);
            }
        });
        return Collections.unmodifiableSortedSet(names);
    }
}

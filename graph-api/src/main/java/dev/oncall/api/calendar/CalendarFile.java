package dev.oncall.api.calendar;

import java.util.Objects;

/**
 * A rendered feed and the file name it is served as ({@code primary.ics}): calendar apps show it
 * when a person saves or imports the feed instead of subscribing to it.
 *
 * @param fileName a name ending in {@code .ics}, without path separators or control characters
 *                 (it may hold any other Unicode: the header encodes it per RFC 6266)
 * @param ics      the iCalendar text
 */
record CalendarFile(String fileName, String ics) {
    private static final int MAX_NAME = 100;

    CalendarFile {
        Objects.requireNonNull(ics, "ics");
        if (!fileName.endsWith(".ics") || !fileName.equals(safe(fileName))) {
            throw new IllegalArgumentException("not a safe .ics file name: " + fileName);
        }
    }

    /** The calendar of {@code title} (a schedule's name, say), its file name made safe from it. */
    static CalendarFile titled(String title, String ics) {
        String name = safe(title).strip();
        if (name.length() > MAX_NAME) {
            int end = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
            name = name.substring(0, end).strip();
        }
        // A leading dot would hide the file on Unix; nothing at all would be a file named ".ics".
        name = name.replaceFirst("^\\.+", "").strip();
        return new CalendarFile((name.isEmpty() ? "calendar" : name) + ".ics", ics);
    }

    /** Path separators, characters Windows refuses in names, and control characters become '_'. */
    private static String safe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || "/\\:*?\"<>|".indexOf(c) >= 0 || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.SURROGATE ? '_' : c));
        return out.toString();
    }
}

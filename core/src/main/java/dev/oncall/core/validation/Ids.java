package dev.oncall.core.validation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as clients write them: a UUID in its canonical 8-4-4-4-12 hexadecimal form, in either
 * letter case. {@link UUID#fromString} is looser (it reads {@code 1-1-1-1-1} as an id, and
 * frameworks around it turn an empty string into "no id"), so a typo could name another thing
 * or nothing at all instead of being refused.
 */
public final class Ids {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int SHOWN = 40;

    private Ids() {}

    public static Optional<UUID> parse(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    /** Why {@code text} is not an id, if it is not one. */
    public static Optional<String> problem(String text) {
        if (parse(text).isPresent()) {
            return Optional.empty();
        }
        String shown = text == null ? "nothing" : text.length() > SHOWN
                ? "\"" + Text.shown(text.substring(0, SHOWN)) + "…\"" : "\"" + Text.shown(text) + "\"";
        return Optional.of("is not an id (ids are UUIDs such as 8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90), got " + shown);
    }
}

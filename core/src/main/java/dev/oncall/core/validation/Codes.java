package dev.oncall.core.validation;

import java.util.Locale;
import java.util.Optional;

/** Enum constants written in lower case in the database, the API and files ("responder", "sms"). */
public final class Codes {
    private Codes() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose lower-case name is {@code code} (ignoring case and surrounding blanks). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(wanted)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}

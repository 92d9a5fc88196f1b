package dev.oncall.core.user;

import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Zones;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A person who can be on call. {@code handle} is how schedule files name them. */
public record User(UUID id, String handle, String name, String email, ZoneId timezone) {
    public static final int MAX_HANDLE = 64;
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 320;
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    // Deliberately loose: one @, something on each side, a dot in the domain. Delivery proves the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timezone, "timezone");
        Problems problems = new Problems();
        check(problems, handle, name, email, timezone.getId());
        problems.throwIfAny();
    }

    public static void check(Problems problems, String handle, String name, String email, String timezone) {
        Text.required(problems, "handle", handle, MAX_HANDLE);
        if (handle != null && !handle.isBlank() && handle.length() <= MAX_HANDLE && !HANDLE.matcher(handle).matches()) {
            problems.add("handle", "must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Text.required(problems, "name", name, MAX_NAME);
        Text.required(problems, "email", email, MAX_EMAIL);
        if (email != null && !email.isBlank() && !EMAIL.matcher(email).matches()) {
            problems.add("email", "is not an email address: \"" + email + "\"");
        }
        Zones.check(problems, "timezone", timezone);
    }
}

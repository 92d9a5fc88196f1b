package dev.oncall.core.user;

import dev.oncall.core.validation.Ids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A reference to a person: their id at run time, or their handle inside a schedule file before
 * import. Schedules, shifts and timelines hold these; the same engine runs on a file that names
 * {@code alice} and on the stored schedule that names her id, and the import (handles to ids)
 * and export (ids to handles) happen at the edge that reads or writes the file.
 *
 * <p>The value is never blank; it compares, and prints, as its text, so orders by user stay
 * what they were when users were plain strings.
 */
public record UserRef(String value) implements Comparable<UserRef> {
    public UserRef {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a user reference must not be blank");
        }
    }

    /** A reference as written: an id in text, or a handle in a schedule file. */
    public static UserRef of(String value) {
        return new UserRef(value);
    }

    /** The reference to the person with this id. */
    public static UserRef of(UUID id) {
        return new UserRef(id.toString());
    }

    /** The id this reference holds; empty for a handle (or any text that is not a canonical id). */
    public Optional<UUID> asUuid() {
        return Ids.parse(value);
    }

    /**
     * The id this reference holds, where only ids can occur: every reference read from storage
     * is one, and handles are replaced by ids when a schedule file is imported, so a handle here
     * is a bug and fails loudly.
     *
     * @throws IllegalStateException when the reference is not an id
     */
    public UUID requireUuid() {
        return asUuid().orElseThrow(() -> new IllegalStateException("user reference \"" + value
                + "\" is not an id: handles are replaced by ids when a schedule file is imported"));
    }

    @Override
    public int compareTo(UserRef other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

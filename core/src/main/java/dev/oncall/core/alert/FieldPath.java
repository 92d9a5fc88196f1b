package dev.oncall.core.alert;

import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where in a normalized alert a value is read: a field, and for labels, annotations and custom
 * details the entry's key. Written {@code severity}, {@code labels.team},
 * {@code custom_details.region}; the key is everything after the first dot, so it may hold dots
 * itself ({@code labels.app.kubernetes.io/name}).
 */
public record FieldPath(AlertField field, Optional<String> key) {
    public static final int MAX_KEY = 255;

    public FieldPath {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(key, "key");
        if (key.isPresent() ? field.keyed() == AlertField.Keyed.NO : field.keyed() == AlertField.Keyed.REQUIRED) {
            throw new IllegalArgumentException(field.code() + (key.isPresent() ? " takes no key" : " needs a key"));
        }
    }

    public static FieldPath of(AlertField field) {
        return new FieldPath(field, Optional.empty());
    }

    public static FieldPath of(AlertField field, String key) {
        return new FieldPath(field, Optional.of(key));
    }

    /** Reads {@code text}, recording what is wrong with it under {@code at}; empty when anything is. */
    public static Optional<FieldPath> parse(String text, Problems problems, String at) {
        if (text == null || text.isBlank()) {
            problems.add(at, "is required");
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        String name = dot < 0 ? text : text.substring(0, dot);
        Optional<AlertField> field = AlertField.parse(name);
        if (field.isEmpty()) {
            problems.add(at, "must start with one of " + Arrays.stream(AlertField.values()).map(AlertField::code)
                    .collect(Collectors.joining(", ")) + ", got \"" + Text.shown(name) + "\"");
            return Optional.empty();
        }
        Optional<String> key = dot < 0 ? Optional.empty() : Optional.of(text.substring(dot + 1));
        if (key.isPresent()) {
            if (field.get().keyed() == AlertField.Keyed.NO) {
                problems.add(at, field.get().code() + " has no entries; write \"" + field.get().code() + "\" alone");
                return Optional.empty();
            }
            if (key.get().isEmpty() || key.get().length() > MAX_KEY || !Text.line(problems, at, key.get())) {
                if (key.get().isEmpty() || key.get().length() > MAX_KEY) {
                    problems.add(at, "the key after \"" + field.get().code() + ".\" must be 1 to " + MAX_KEY
                            + " characters");
                }
                return Optional.empty();
            }
        } else if (field.get().keyed() == AlertField.Keyed.REQUIRED) {
            problems.add(at, "needs an entry: \"" + field.get().code() + ".<name>\", e.g. \"" + field.get().code()
                    + ".severity\"");
            return Optional.empty();
        }
        return Optional.of(new FieldPath(field.get(), key));
    }

    @Override
    public String toString() {
        return key.map(k -> field.code() + "." + k).orElse(field.code());
    }
}

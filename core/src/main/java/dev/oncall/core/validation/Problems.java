package dev.oncall.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects field errors while input is checked, then throws them together.
 * Nested objects are checked with {@link #at(String)}, which prefixes their field names.
 */
public final class Problems {
    private final String prefix;
    private final List<FieldError> errors;

    public Problems() {
        this("", new ArrayList<>());
    }

    private Problems(String prefix, List<FieldError> errors) {
        this.prefix = prefix;
        this.errors = errors;
    }

    /** A view that records errors under {@code field} (e.g. {@code layers[2]}) into the same list. */
    public Problems at(String field) {
        return new Problems(path(field), errors);
    }

    public Problems add(String field, String message) {
        errors.add(new FieldError(path(field), message));
        return this;
    }

    /** Records {@code message} unless {@code ok}; returns {@code ok} so checks can be chained. */
    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return ok;
    }

    /** Runs a parse that may fail with IllegalArgumentException and records its message instead. */
    public <T> T attempt(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            add(field, e.getMessage() == null ? "is invalid" : e.getMessage());
            return null;
        }
    }

    /**
     * Runs a build that refuses bad input with a {@link ValidationException} (a record's
     * constructor, say) and records each of its errors under {@code field}.
     */
    public <T> T nested(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            Problems at = at(field);
            e.errors().forEach(error -> at.add(error.field(), error.message()));
            return null;
        }
    }

    /** How many errors have been recorded so far, so a caller can tell whether a check added one. */
    public int count() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private String path(String field) {
        if (prefix.isEmpty()) {
            return field;
        }
        if (field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }
}

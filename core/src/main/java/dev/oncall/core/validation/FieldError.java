package dev.oncall.core.validation;

import java.util.Objects;

/**
 * One thing wrong with a piece of input, named by the path of the field that holds it
 * ({@code layers[1].rotation.length}) so an API can show it next to that field.
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}

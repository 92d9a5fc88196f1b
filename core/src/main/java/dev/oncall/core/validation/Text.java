package dev.oncall.core.validation;

/** Length and blankness checks for the free-text fields of configuration entities. */
public final class Text {
    private Text() {}

    public static void required(Problems problems, String field, String value, int max) {
        if (value == null) {
            problems.add(field, "is required");
        } else if (value.isBlank()) {
            problems.add(field, "must not be blank");
        } else if (value.length() > max) {
            problems.add(field, "must be at most " + max + " characters, got " + value.length());
        } else if (!value.strip().equals(value)) {
            problems.add(field, "must not start or end with white space");
        }
    }

    public static void optional(Problems problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field, "must be at most " + max + " characters, got " + value.length());
        }
    }
}

package dev.oncall.core.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * A field of a normalized alert that routing rules match on and grouping groups by, spelled as
 * in PagerDuty's Events API v2 ({@code class}, {@code custom_details}) and Alertmanager's webhook
 * ({@code labels}, {@code annotations}). The keyed fields name one entry: {@code labels.team}.
 */
public enum AlertField {
    SUMMARY("summary", Keyed.NO),
    SOURCE("source", Keyed.NO),
    SEVERITY("severity", Keyed.NO),
    COMPONENT("component", Keyed.NO),
    GROUP("group", Keyed.NO),
    CLASS("class", Keyed.NO),
    /** {@code custom_details} alone is the whole value as text; {@code custom_details.k} one top-level entry. */
    CUSTOM_DETAILS("custom_details", Keyed.OPTIONAL),
    LABELS("labels", Keyed.REQUIRED),
    ANNOTATIONS("annotations", Keyed.REQUIRED);

    /** Whether a path to this field names an entry after a dot. */
    public enum Keyed { NO, OPTIONAL, REQUIRED }

    private final String code;
    private final Keyed keyed;

    AlertField(String code, Keyed keyed) {
        this.code = code;
        this.keyed = keyed;
    }

    public String code() {
        return code;
    }

    public Keyed keyed() {
        return keyed;
    }

    public static Optional<AlertField> parse(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}

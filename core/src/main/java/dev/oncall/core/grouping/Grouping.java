package dev.oncall.core.grouping;

import dev.oncall.core.alert.FieldPath;
import dev.oncall.core.validation.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's grouping: which new alerts share one incident. {@link #none()} is every alert its
 * own incident; {@link #content} groups alerts whose values at {@code fields} are equal (an
 * absent value is a value of its own, see {@link GroupKeys}); {@link #timeWindow} groups every
 * alert that arrives within {@code window} of the group's first.
 *
 * @param fields the paths compared by {@link GroupingMode#CONTENT}, in order; empty otherwise
 * @param window how long a {@link GroupingMode#TIME_WINDOW} group takes alerts; empty otherwise
 */
public record Grouping(GroupingMode mode, List<FieldPath> fields, Optional<Duration> window) {
    public static final int MAX_FIELDS = 10;
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    public Grouping {
        Objects.requireNonNull(mode, "mode");
        fields = List.copyOf(fields);
        Objects.requireNonNull(window, "window");
        Problems problems = new Problems();
        check(problems, mode, fields, window);
        problems.throwIfAny();
    }

    public static Grouping none() {
        return new Grouping(GroupingMode.NONE, List.of(), Optional.empty());
    }

    public static Grouping content(List<FieldPath> fields) {
        return new Grouping(GroupingMode.CONTENT, fields, Optional.empty());
    }

    public static Grouping timeWindow(Duration window) {
        return new Grouping(GroupingMode.TIME_WINDOW, List.of(), Optional.of(window));
    }

    /**
     * Reads a grouping as the API and files write it: a mode code, field paths as text
     * ({@code labels.cluster}) and a window in whole minutes. Every problem is recorded under its
     * field ({@code mode}, {@code fields[i]}, {@code windowMinutes}); empty when there is any.
     */
    public static Optional<Grouping> parse(String mode, List<String> fields, Integer windowMinutes, Problems problems) {
        int before = problems.count();
        Optional<GroupingMode> m = GroupingMode.parse(mode);
        if (m.isEmpty()) {
            problems.add("mode", "must be one of none, content, time_window");
            return Optional.empty();
        }
        List<String> texts = fields == null ? List.of() : fields;
        List<FieldPath> paths = new ArrayList<>();
        if (m.get() == GroupingMode.CONTENT && texts.size() > MAX_FIELDS) {
            problems.add("fields", "name 1 to " + MAX_FIELDS + " fields, got " + texts.size());
            return Optional.empty();
        }
        if (m.get() == GroupingMode.CONTENT) {
            for (int i = 0; i < texts.size(); i++) {
                FieldPath.parse(texts.get(i), problems, "fields[" + i + "]").ifPresent(paths::add);
            }
        } else if (!texts.isEmpty()) {
            problems.add("fields", "only content grouping compares fields");
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        Optional<Duration> window = Optional.ofNullable(windowMinutes).map(Duration::ofMinutes);
        Problems own = new Problems();
        check(own, m.get(), paths, window);
        own.errors().forEach(e -> problems.add(e.field(), e.message()));
        return own.isEmpty() ? Optional.of(new Grouping(m.get(), paths, window)) : Optional.empty();
    }

    private static void check(Problems problems, GroupingMode mode, List<FieldPath> fields, Optional<Duration> window) {
        switch (mode) {
            case NONE -> {
                problems.check(fields.isEmpty(), "fields", "only content grouping compares fields");
                problems.check(window.isEmpty(), "windowMinutes", "only time-window grouping has a window");
            }
            case CONTENT -> {
                if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
                    problems.add("fields", "name 1 to " + MAX_FIELDS + " fields, got " + fields.size());
                } else {
                    problems.check(new HashSet<>(fields).size() == fields.size(), "fields", "names a field twice");
                }
                problems.check(window.isEmpty(), "windowMinutes", "only time-window grouping has a window");
            }
            case TIME_WINDOW -> {
                problems.check(fields.isEmpty(), "fields", "only content grouping compares fields");
                if (window.isEmpty()) {
                    problems.add("windowMinutes", "is required for time-window grouping");
                } else if (window.get().compareTo(MIN_WINDOW) < 0 || window.get().compareTo(MAX_WINDOW) > 0
                        || window.get().toSecondsPart() != 0) {
                    problems.add("windowMinutes", "must be 1 to " + MAX_WINDOW.toMinutes() + " minutes, got "
                            + window.get().toMinutes());
                }
            }
        }
    }
}

package dev.oncall.api.schedule;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Problems;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Layer input as the API receives it, read into core layers while collecting every problem
 * under its input path ({@code layers[0].rotation.length}), so one answer lists them all.
 */
final class LayerInputs {
    private LayerInputs() {}

    record RotationInput(Rotation.Type type, Integer length, String period) {}

    record RestrictionInput(String type, DayOfWeek startDay, String start, DayOfWeek endDay, String end) {}

    record LayerInput(String name, String start, String end, RotationInput rotation, List<String> participants,
                      Integer usersPerShift, List<RestrictionInput> restrictions) {}

    /** Reads {@code inputs} at {@code field[i]}; the caller throws what {@code problems} collected. */
    static List<Layer> read(Problems problems, String field, List<LayerInput> inputs) {
        List<Layer> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        for (int i = 0; i < inputs.size(); i++) {
            out.add(read(problems.at(field + "[" + i + "]"), inputs.get(i)));
        }
        return out;
    }

    static Layer read(Problems p, LayerInput in) {
        int before = p.count();
        LocalDateTime start = localDateTime(p, "start", in.start());
        LocalDateTime end = in.end() == null ? null : localDateTime(p, "end", in.end());
        Rotation rotation = rotation(p.at("rotation"), in.rotation());
        List<Restriction> restrictions = new ArrayList<>();
        List<RestrictionInput> windows = in.restrictions() == null ? List.of() : in.restrictions();
        for (int i = 0; i < windows.size(); i++) {
            restrictions.add(restriction(p.at("restrictions[" + i + "]"), windows.get(i)));
        }
        if (p.count() > before) {
            return null;
        }
        int usersPerShift = in.usersPerShift() == null ? 1 : in.usersPerShift();
        return p.nested("", () -> new Layer(in.name(), start, Optional.ofNullable(end), rotation,
                in.participants().stream().map(UserRef::of).toList(),
                usersPerShift, restrictions));
    }

    private static Rotation rotation(Problems p, RotationInput in) {
        if (in.type() == Rotation.Type.CUSTOM) {
            if (in.period() == null) {
                p.add("period", "is required for a CUSTOM rotation, e.g. P3D or PT12H");
                return null;
            }
            return p.nested("period", () -> Rotation.custom(in.period()));
        }
        if (in.length() == null) {
            p.add("length", "is required for a " + in.type() + " rotation");
            return null;
        }
        return p.nested("", () -> Rotation.counted(in.type(), in.length()));
    }

    private static Restriction restriction(Problems p, RestrictionInput in) {
        LocalTime start = localTime(p, "start", in.start());
        LocalTime end = localTime(p, "end", in.end());
        if (start == null || end == null) {
            return null;
        }
        if ("WEEKLY".equals(in.type())) {
            if (in.startDay() == null || in.endDay() == null) {
                p.check(in.startDay() != null, "startDay", "is required for a WEEKLY restriction");
                p.check(in.endDay() != null, "endDay", "is required for a WEEKLY restriction");
                return null;
            }
            return p.nested("", () -> Restriction.weekly(in.startDay(), start, in.endDay(), end));
        }
        return p.nested("", () -> Restriction.daily(start, end));
    }

    private static LocalDateTime localDateTime(Problems p, String field, String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            p.add(field, "must be a local date-time such as 2026-03-02T09:00, got \"" + text + "\"");
            return null;
        }
    }

    private static LocalTime localTime(Problems p, String field, String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            p.add(field, "must be a local time such as 09:00, got \"" + text + "\"");
            return null;
        }
    }
}

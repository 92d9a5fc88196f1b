package dev.oncall.core.spec;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.Zones;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import static dev.oncall.core.spec.Nodes.describe;
import static dev.oncall.core.spec.Nodes.eachOf;
import static dev.oncall.core.spec.Nodes.fields;
import static dev.oncall.core.spec.Nodes.isAbsent;
import static dev.oncall.core.spec.Nodes.isObject;

/**
 * Reads the tree of a schedule file into a {@link Schedule}, collecting every problem with its
 * field path. Each entry is checked even when a sibling failed, so one run lists them all.
 */
final class SpecReader {
    private static final Set<String> ROOT_FIELDS = Set.of("timezone", "layers", "overrides", "coverages");
    private static final Set<String> LAYER_FIELDS =
            Set.of("name", "start", "end", "rotation", "participants", "usersPerShift", "restrictions");
    private static final Set<String> ROTATION_FIELDS = Set.of("type", "length");
    private static final Set<String> DAILY_FIELDS = Set.of("type", "start", "end");
    private static final Set<String> WEEKLY_FIELDS = Set.of("type", "startDay", "start", "endDay", "end");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("user", "start", "end");
    private static final Set<String> COVERAGE_FIELDS = Set.of("id", "requester", "start", "end", "claimedBy");
    private static final String WEEKDAYS =
            Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).collect(Collectors.joining(", "));

    private SpecReader() {
    }

    static Schedule read(JsonNode root) {
        Problems problems = new Problems();
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add("", "the file is empty: a schedule needs at least a timezone");
            problems.throwIfAny();
        }
        if (!root.isObject()) {
            problems.add("", "a schedule file must be a mapping with timezone, layers, overrides and coverages, got "
                    + describe(root));
            problems.throwIfAny();
        }
        fields(problems, root, ROOT_FIELDS);
        ZoneId zone = zone(problems, root.get("timezone"));
        List<Layer> layers = new ArrayList<>();
        eachOf(problems, root, "layers", (p, node) -> layers.add(layer(p, node)));
        List<Override> overrides = new ArrayList<>();
        eachOf(problems, root, "overrides", (p, node) -> overrides.add(override(p, node)));
        List<CoverRequest> coverRequests = new ArrayList<>();
        eachOf(problems, root, "coverages", (p, node) -> coverRequests.add(coverage(p, node, coverRequests.size())));
        Schedule.check(problems, layers, overrides, coverRequests);
        problems.throwIfAny();
        return new Schedule(zone, layers, overrides, coverRequests);
    }

    private static ZoneId zone(Problems problems, JsonNode node) {
        String id = text(problems, "timezone", node, true);
        return id == null ? null : Zones.check(problems, "timezone", id);
    }

    private static Layer layer(Problems p, JsonNode node) {
        if (!isObject(p, node)) {
            return null;
        }
        int before = p.count();
        fields(p, node, LAYER_FIELDS);
        String name = text(p, "name", node.get("name"), true);
        LocalDateTime start = localDateTime(p, "start", node.get("start"), true);
        LocalDateTime endValue = localDateTime(p, "end", node.get("end"), false);
        Optional<LocalDateTime> end = isAbsent(node.get("end")) ? Optional.empty()
                : endValue == null ? null : Optional.of(endValue);
        Rotation rotation = rotation(p.at("rotation"), node.get("rotation"));
        List<String> participants = texts(p, "participants", node.get("participants"));
        Integer usersPerShiftValue = integer(p, "usersPerShift", node.get("usersPerShift"));
        int usersPerShift = usersPerShiftValue == null ? 1 : usersPerShiftValue;
        List<Restriction> restrictions = new ArrayList<>();
        eachOf(p, node, "restrictions", (at, r) -> restrictions.add(restriction(at, r)));
        boolean restrictionsOk = !restrictions.contains(null);
        Layer.check(p, name, start, end, rotation, participants, usersPerShift, restrictionsOk ? restrictions : null);
        if (p.count() > before) {
            return null;
        }
        return new Layer(name, start, end, rotation, participants.stream().map(UserRef::of).toList(), usersPerShift,
                restrictions);
    }

    private static Rotation rotation(Problems p, JsonNode node) {
        if (isAbsent(node)) {
            p.add("", "is required, e.g. {type: weekly, length: 1}");
            return null;
        }
        if (!isObject(p, node)) {
            return null;
        }
        fields(p, node, ROTATION_FIELDS);
        String typeName = text(p, "type", node.get("type"), true);
        if (typeName == null) {
            return null;
        }
        Rotation.Type type = Arrays.stream(Rotation.Type.values())
                .filter(t -> t.spelling().equalsIgnoreCase(typeName))
                .findFirst()
                .orElse(null);
        if (type == null) {
            p.add("type", "unknown rotation type \"" + typeName + "\": expected monthly, weekly, daily, hourly or custom");
            return null;
        }
        JsonNode length = node.get("length");
        if (type == Rotation.Type.CUSTOM) {
            if (isAbsent(length)) {
                p.add("length", "is required for a custom rotation, e.g. P3D, PT12H or P1DT12H");
                return null;
            }
            if (!length.isString()) {
                p.add("length", "must be ISO-8601 text such as P3D, PT12H or P1DT12H, got " + describe(length));
                return null;
            }
            return p.nested("", () -> Rotation.custom(length.stringValue()));
        }
        if (isAbsent(length)) {
            return p.nested("", () -> Rotation.counted(type, 1));
        }
        if (!length.isIntegralNumber() || !length.canConvertToInt()) {
            p.add("length", "must be a whole number of " + unit(type) + ", got " + describe(length)
                    + (length.isString() ? " (ISO-8601 lengths need type: custom)" : ""));
            return null;
        }
        return p.nested("", () -> Rotation.counted(type, length.intValue()));
    }

    private static String unit(Rotation.Type type) {
        return switch (type) {
            case MONTHLY -> "months";
            case WEEKLY -> "weeks";
            case DAILY -> "days";
            case HOURLY -> "hours";
            case CUSTOM -> "units";
        };
    }

    private static Restriction restriction(Problems p, JsonNode node) {
        if (!isObject(p, node)) {
            return null;
        }
        String type = text(p, "type", node.get("type"), true);
        if (type == null) {
            return null;
        }
        int before = p.count();
        switch (type.toLowerCase(Locale.ROOT)) {
            case "daily" -> {
                fields(p, node, DAILY_FIELDS);
                LocalTime start = localTime(p, "start", node.get("start"));
                LocalTime end = localTime(p, "end", node.get("end"));
                return p.count() > before ? null : p.nested("", () -> Restriction.daily(start, end));
            }
            case "weekly" -> {
                fields(p, node, WEEKLY_FIELDS);
                DayOfWeek startDay = weekday(p, "startDay", node.get("startDay"));
                LocalTime start = localTime(p, "start", node.get("start"));
                DayOfWeek endDay = weekday(p, "endDay", node.get("endDay"));
                LocalTime end = localTime(p, "end", node.get("end"));
                return p.count() > before ? null : p.nested("", () -> Restriction.weekly(startDay, start, endDay, end));
            }
            default -> {
                p.add("type", "unknown restriction type \"" + type + "\": expected daily or weekly");
                return null;
            }
        }
    }

    private static Override override(Problems p, JsonNode node) {
        if (!isObject(p, node)) {
            return null;
        }
        int before = p.count();
        fields(p, node, OVERRIDE_FIELDS);
        String user = text(p, "user", node.get("user"), true);
        Instant start = instant(p, "start", node.get("start"));
        Instant end = instant(p, "end", node.get("end"));
        Override.check(p, user, start, end);
        return p.count() > before ? null : new Override(UserRef.of(user), start, end);
    }

    private static CoverRequest coverage(Problems p, JsonNode node, int index) {
        if (!isObject(p, node)) {
            return null;
        }
        int before = p.count();
        fields(p, node, COVERAGE_FIELDS);
        String id = isAbsent(node.get("id")) ? "coverage-" + index : text(p, "id", node.get("id"), true);
        String requester = text(p, "requester", node.get("requester"), true);
        Instant start = instant(p, "start", node.get("start"));
        Instant end = instant(p, "end", node.get("end"));
        Optional<String> claimedBy = Optional.ofNullable(text(p, "claimedBy", node.get("claimedBy"), false));
        CoverRequest.check(p, id, requester, start, end, claimedBy);
        return p.count() > before ? null : new CoverRequest(id, UserRef.of(requester), start, end, claimedBy.map(UserRef::of));
    }

    // ---- scalars -------------------------------------------------------------------------

    /** Text, or an integer written without quotes (user ids may be numbers); null when unusable. */
    private static String text(Problems p, String field, JsonNode node, boolean required) {
        if (isAbsent(node)) {
            if (required) {
                p.add(field, "is required");
            }
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.asString();
        }
        p.add(field, "must be text, got " + describe(node));
        return null;
    }

    private static List<String> texts(Problems p, String field, JsonNode node) {
        if (isAbsent(node)) {
            p.add(field, "is required: a layer needs at least one participant");
            return null;
        }
        if (!node.isArray()) {
            p.add(field, "must be a list of user ids, got " + describe(node));
            return null;
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            String value = text(p, field + "[" + i + "]", node.get(i), true);
            ok &= value != null;
            values.add(value == null ? "" : value);
        }
        return ok ? values : null;
    }

    private static Integer integer(Problems p, String field, JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            p.add(field, "must be a whole number, got " + describe(node));
            return null;
        }
        return node.intValue();
    }

    private static LocalDateTime localDateTime(Problems p, String field, JsonNode node, boolean required) {
        String text = text(p, field, node, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            boolean hasOffset = offsetDateTime(text) != null;
            p.add(field, hasOffset
                    ? "must be a local date-time without offset, such as 2026-01-05T09:00 (it is read in the schedule's timezone), got \""
                            + text + "\""
                    : "must be a local date-time such as 2026-01-05T09:00, got \"" + text + "\"");
            return null;
        }
    }

    private static Instant instant(Problems p, String field, JsonNode node) {
        String text = text(p, field, node, true);
        if (text == null) {
            return null;
        }
        OffsetDateTime parsed = offsetDateTime(text);
        if (parsed == null) {
            boolean local = localOrNull(text) != null;
            p.add(field, local
                    ? "must be an instant with an offset, such as 2026-01-07T12:00:00Z, got \"" + text + "\""
                    : "must be an instant such as 2026-01-07T12:00:00Z, got \"" + text + "\"");
            return null;
        }
        // Fractions of a second are kept: the API accepts them (a client's clock gives milliseconds),
        // and a file exported from a schedule must import into the same schedule.
        return parsed.toInstant();
    }

    private static LocalTime localTime(Problems p, String field, JsonNode node) {
        String text = text(p, field, node, true);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            p.add(field, "must be a local time such as 09:00 or 17:30 (midnight is 00:00), got \"" + text + "\"");
            return null;
        }
    }

    private static DayOfWeek weekday(Problems p, String field, JsonNode node) {
        String text = text(p, field, node, true);
        if (text == null) {
            return null;
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equalsIgnoreCase(text.strip())) {
                return day;
            }
        }
        p.add(field, "unknown weekday \"" + text + "\": expected one of " + WEEKDAYS);
        return null;
    }

    private static OffsetDateTime offsetDateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime localOrNull(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

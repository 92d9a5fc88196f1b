package dev.oncall.core.spec;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.validation.ValidationException;

/**
 * Schedule files: the YAML/JSON format of docs/schedules.md, read into a validated
 * {@link Schedule} and written back. Reading never stops at the first problem: a refused file
 * raises one {@link ValidationException} naming every field that is wrong.
 */
public final class ScheduleSpec {
    public enum Format {
        YAML, JSON
    }

    private ScheduleSpec() {
    }

    /** Reads a schedule file, JSON when its first non-blank character is '{', YAML otherwise. */
    public static Schedule parse(String text) {
        return parse(text, Nodes.formatOf(text));
    }

    public static Schedule parse(String text, Format format) {
        return SpecReader.read(Nodes.readTree(text, format));
    }

    public static String toYaml(Schedule schedule) {
        return Nodes.write(SpecWriter.write(schedule, Nodes.YAML.createObjectNode()), Format.YAML);
    }

    public static String toJson(Schedule schedule) {
        return Nodes.write(SpecWriter.write(schedule, Nodes.JSON.createObjectNode()), Format.JSON);
    }

    public static String write(Schedule schedule, Format format) {
        return format == Format.JSON ? toJson(schedule) : toYaml(schedule);
    }
}

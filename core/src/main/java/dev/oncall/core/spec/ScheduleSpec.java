package dev.oncall.core.spec;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.validation.ValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Schedule files: the YAML/JSON format of docs/schedules.md, read into a validated
 * {@link Schedule} and written back. Reading never stops at the first problem: a refused file
 * raises one {@link ValidationException} naming every field that is wrong.
 */
public final class ScheduleSpec {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public enum Format {
        YAML, JSON
    }

    private ScheduleSpec() {
    }

    /** Reads a schedule file, JSON when its first non-blank character is '{', YAML otherwise. */
    public static Schedule parse(String text) {
        return parse(text, text.strip().startsWith("{") ? Format.JSON : Format.YAML);
    }

    public static Schedule parse(String text, Format format) {
        JsonNode root;
        try {
            root = (format == Format.JSON ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ValidationException.of("", "malformed " + format + where + ": " + firstLine(e.getOriginalMessage()));
        }
        return SpecReader.read(root);
    }

    public static String toYaml(Schedule schedule) {
        return YAML.writeValueAsString(SpecWriter.write(schedule, YAML.createObjectNode()));
    }

    public static String toJson(Schedule schedule) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(SpecWriter.write(schedule, JSON.createObjectNode()))
                + "\n";
    }

    public static String write(Schedule schedule, Format format) {
        return format == Format.JSON ? toJson(schedule) : toYaml(schedule);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}

package dev.oncall.core.spec;

import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.Map;
import java.util.Set;
import dev.oncall.core.validation.ValidationException;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * How every configuration file (schedules, routing rules) reads its JSON/YAML tree: absent and
 * null are the same, a mapping is checked for unknown fields, and what was found instead of
 * what was wanted is described in the problem.
 */
public final class Nodes {
    /** Duplicate keys are refused: the second of two {@code name:} lines must not win silently. */
    public static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Nodes() {
    }

    /** The format of a file: JSON when its first non-blank character is '{', YAML otherwise. */
    public static ScheduleSpec.Format formatOf(String text) {
        return text.strip().startsWith("{") ? ScheduleSpec.Format.JSON : ScheduleSpec.Format.YAML;
    }

    /** The tree of {@code text}; malformed text is one problem saying where. */
    public static JsonNode readTree(String text, ScheduleSpec.Format format) {
        try {
            return (format == ScheduleSpec.Format.JSON ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ValidationException.of("", "malformed " + format + where + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    /** {@code tree} as file text: pretty JSON, or YAML. */
    public static String write(JsonNode tree, ScheduleSpec.Format format) {
        return format == ScheduleSpec.Format.JSON ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n"
                : YAML.writeValueAsString(tree);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** Reads one entry of a list, recording problems at the entry's path. */
    public interface EntryReader {
        void read(Problems at, JsonNode node);
    }

    public static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Whether {@code node} is a mapping; records a problem at the node's own path when not. */
    public static boolean isObject(Problems p, JsonNode node) {
        if (isAbsent(node) || !node.isObject()) {
            p.add("", "must be a mapping of fields, got " + describe(node));
            return false;
        }
        return true;
    }

    /** Reports every field of {@code node} that is not one of {@code known}: typos must not pass silently. */
    public static void fields(Problems p, JsonNode node, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                p.add(Text.shown(field.getKey()), "unknown field (expected one of: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** Reads the list {@code field} of {@code parent}, each entry at {@code field[i]}; absent is empty. */
    public static void eachOf(Problems problems, JsonNode parent, String field, EntryReader reader) {
        JsonNode list = parent.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(field, "must be a list, got " + describe(list));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            reader.read(problems.at(field + "[" + i + "]"), list.get(i));
        }
    }

    public static String describe(JsonNode node) {
        if (isAbsent(node)) {
            return "nothing";
        }
        if (node.isString()) {
            return "\"" + Text.shown(node.stringValue()) + "\"";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}

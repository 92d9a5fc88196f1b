package dev.oncall.cli;

import dev.oncall.core.routing.RoutingRules;
import dev.oncall.core.routing.RoutingSpec;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.spec.Nodes;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.core.validation.Zones;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Reading what the user gave: schedule files, routing rules files, example events, instants and
 * zones, each refused in one clear line.
 */
final class Inputs {
    private Inputs() {
    }

    /** Reads and validates a schedule file; {@code .json} files are JSON, everything else YAML or JSON by content. */
    static Schedule schedule(Path file) {
        String text = text(file);
        try {
            return isJson(file) ? ScheduleSpec.parse(text, ScheduleSpec.Format.JSON) : ScheduleSpec.parse(text);
        } catch (ValidationException e) {
            throw new BadInputException(file + " is not a valid schedule: " + e.getMessage());
        }
    }

    /** Reads and validates a routing rules file, by the reader the service uses for the same file. */
    static RoutingRules routingRules(Path file) {
        String text = text(file);
        try {
            return isJson(file) ? RoutingSpec.read(Nodes.readTree(text, ScheduleSpec.Format.JSON)) : RoutingSpec.parse(text);
        } catch (ValidationException e) {
            throw new BadInputException(file + " is not valid routing rules: " + e.getMessage());
        }
    }

    /** The JSON object in {@code file}: an example event. */
    static JsonNode jsonObject(Path file) {
        JsonNode root;
        try {
            root = Nodes.readTree(text(file), ScheduleSpec.Format.JSON);
        } catch (ValidationException e) {
            throw new BadInputException(file + " is not an example event: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + " is not an example event: it must be a JSON object, an Events API v2"
                    + " event, an Alertmanager alert or an Alertmanager webhook body");
        }
        return root;
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** Instants with an offset: {@code 2026-03-09T13:00:00Z}, {@code 2026-03-09T09:00-04:00}. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            OffsetDateTime parsed;
            try {
                parsed = OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "\"" + value + "\" is not an instant: expected one with an offset, such as 2026-03-09T13:00:00Z");
            }
            // Output is to the second; a fractional input would print as a different instant.
            if (parsed.getNano() != 0) {
                throw new CommandLine.TypeConversionException("\"" + value + "\" must be a whole second");
            }
            return parsed.toInstant();
        }
    }

    static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            Problems problems = new Problems();
            ZoneId zone = Zones.check(problems, "zone", value);
            if (zone == null) {
                throw new CommandLine.TypeConversionException(problems.errors().getFirst().message());
            }
            return zone;
        }
    }
}

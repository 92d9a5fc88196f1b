package dev.oncall.core.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One reviewed scenario under {@code golden/}: a schedule file, the range rendered, and the
 * expected timeline. Shared with the CLI's tests through core's test jar.
 */
public record GoldenScenario(String name, Instant from, Instant to) {

    /** Every scenario listed in {@code golden/scenarios.json}, in order. */
    public static List<GoldenScenario> all() {
        JsonNode list = JsonMapper.builder().build().readTree(resource("scenarios.json"));
        List<GoldenScenario> scenarios = new ArrayList<>();
        for (JsonNode node : list) {
            scenarios.add(new GoldenScenario(node.get("name").stringValue(),
                    Instant.parse(node.get("from").stringValue()),
                    Instant.parse(node.get("to").stringValue())));
        }
        return scenarios;
    }

    public String specFile() {
        return name + ".yaml";
    }

    public String expectedFile() {
        return name + ".json";
    }

    public String spec() {
        return resource(specFile());
    }

    public String expected() {
        return resource(expectedFile());
    }

    @Override
    public String toString() {
        return name;
    }

    public static String resource(String file) {
        try (InputStream in = GoldenScenario.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

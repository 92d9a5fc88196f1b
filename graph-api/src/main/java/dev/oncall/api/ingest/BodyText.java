package dev.oncall.api.ingest;

import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every text of an alert body, wherever it sits (a known field, {@code payload.custom_details} at
 * any depth, a label, an annotation, a field nobody reads), names included, obeys the free-text
 * rule of {@link Text}: the body is kept as JSONB on the alert, and PostgreSQL refuses NUL there,
 * so one such character anywhere would otherwise fail the whole request with a 500 that senders
 * retry forever. Each bad text is reported at its path ({@code payload.custom_details.disk[2]}).
 */
final class BodyText {
    private BodyText() {}

    static void check(JsonNode root, Problems problems) {
        walk(root, "", problems);
    }

    private static void walk(JsonNode node, String path, Problems problems) {
        if (node.isString()) {
            Text.freeTextProblem(node.asString()).ifPresent(problem -> problems.add(path, problem));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = (path.isEmpty() ? "" : path + ".") + Text.shown(field.getKey());
                Text.freeTextProblem(field.getKey()).ifPresent(problem -> problems.add(at, "the field's name " + problem));
                walk(field.getValue(), at, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}

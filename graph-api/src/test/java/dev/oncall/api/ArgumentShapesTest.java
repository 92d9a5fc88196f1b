package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A value of the wrong shape deep in a mutation's input (wrong JSON type, unknown enum value,
 * number out of range, unknown or missing field, null where not allowed) is refused with the path
 * of that value, not just the name of the variable it sits in, and nothing runs.
 */
class ArgumentShapesTest extends ApiTest {
    private Crew crew;
    private Gql manager;

    @BeforeEach
    void setUp() {
        crew = crew();
        manager = as(crew.token("MANAGER"));
    }

    private JsonNode createPolicy(Map<String, Object> target, int escalateAfter) {
        return manager.attempt("createEscalationPolicy", "escalationPolicy { id }", Map.of("teamId", crew.teamId(),
                "name", "p", "steps", List.of(Map.of("escalateAfterSeconds", 600, "targets", List.of(
                        Map.of("type", "USER", "id", crew.id("RESPONDER")))),
                        Map.of("escalateAfterSeconds", escalateAfter, "targets", List.of(target)))));
    }

    @Test
    void eachWrongValueIsNamedByItsPath() {
        JsonNode wrongType = createPolicy(Map.of("type", "USER", "id", Map.of("x", 1)), 600);
        JsonNode wrongEnum = createPolicy(Map.of("type", "PERSON", "id", crew.id("RESPONDER")), 600);
        JsonNode outOfRange = createPolicy(Map.of("type", "USER", "id", crew.id("RESPONDER")), -1);
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("type", "USER");
        nullId.put("id", null);
        JsonNode nullRequired = createPolicy(nullId, 600);
        JsonNode unknownField = createPolicy(Map.of("type", "USER", "id", crew.id("RESPONDER"), "weight", 3), 600);

        assertThat(field(wrongType)).as(wrongType.toString()).isEqualTo("input.steps[1].targets[0].id");
        assertThat(field(wrongEnum)).isEqualTo("input.steps[1].targets[0].type");
        assertThat(wrongEnum.at("/errors/0/message").asString()).contains("SCHEDULE, USER, TEAM");
        assertThat(field(nullRequired)).isEqualTo("input.steps[1].targets[0].id");
        assertThat(field(unknownField)).isEqualTo("input.steps[1].targets[0].weight");
        for (JsonNode refused : List.of(wrongType, wrongEnum, nullRequired, unknownField)) {
            assertThat(refused.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
            assertThat(refused.at("/errors/0/message").asString()).startsWith(field(refused) + ": ");
            assertThat(refused.path("data").isNull() || refused.path("data").isMissingNode()).as("nothing ran").isTrue();
        }
        // A value the schema accepts goes on to the domain rules, which answer in userErrors as before.
        assertThat(outOfRange.at("/data/createEscalationPolicy/userErrors/0/field").asString())
                .isEqualTo("input.steps[1].escalateAfterSeconds");
    }

    @Test
    void anIntBeyondItsRangeAndAMissingRequiredFieldAreNamed() {
        JsonNode huge = manager.run("mutation($input: CreateEscalationPolicyInput!) { createEscalationPolicy(input: $input) "
                + "{ escalationPolicy { id } } }", Map.of("input", Map.of("teamId", crew.teamId(), "name", "p",
                "repeatCount", 2_147_483_648L, "steps", List.of())));
        assertThat(field(huge)).isEqualTo("input.repeatCount");
        JsonNode missing = manager.run("mutation($input: CreateEscalationPolicyInput!) { createEscalationPolicy(input: $input) "
                + "{ escalationPolicy { id } } }", Map.of("input", Map.of("teamId", crew.teamId(), "steps", List.of())));
        assertThat(field(missing)).isEqualTo("input.name");
        assertThat(missing.at("/errors/0/message").asString()).contains("is required");
    }

    private static String field(JsonNode response) {
        return response.at("/errors/0/extensions/field").asString();
    }
}

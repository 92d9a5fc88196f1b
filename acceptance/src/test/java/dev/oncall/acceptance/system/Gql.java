package dev.oncall.acceptance.system;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over HTTP as a script uses it: Spring's {@link HttpSyncGraphQlClient} with a bearer
 * token, answers read as JSON trees so a story says what it expects in the API's own words.
 */
public final class Gql {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpSyncGraphQlClient client;

    Gql(String baseUrl, String token) {
        this.client = HttpSyncGraphQlClient.builder(RestClient.builder()
                        .baseUrl(baseUrl + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token)
                        .build())
                .build();
    }

    /** The whole answer: data and errors. */
    public JsonNode execute(String document, Map<String, ?> variables) {
        ClientGraphQlResponse response = client.document(document).variables(cast(variables)).executeSync();
        return JSON.valueToTree(response.toMap());
    }

    /** The answer's data; fails the story when the answer has errors. */
    public JsonNode data(String document, Map<String, ?> variables) {
        JsonNode answer = execute(document, variables);
        if (answer.has("errors") && !answer.get("errors").isEmpty()) {
            throw new AssertionError("errors from " + document + ": " + answer.get("errors"));
        }
        return answer.get("data");
    }

    public JsonNode data(String document) {
        return data(document, Map.of());
    }

    /**
     * Runs {@code name(input: $input) { <selection> userErrors { field message } }} and returns
     * the payload; fails the story on errors or userErrors.
     */
    public JsonNode mutate(String name, String selection, Map<String, ?> input) {
        JsonNode payload = tryMutate(name, selection, input);
        if (!payload.get("userErrors").isEmpty()) {
            throw new AssertionError(name + " refused " + input + ": " + payload.get("userErrors"));
        }
        return payload;
    }

    /** Like {@link #mutate} but returns the payload whatever its userErrors say. */
    public JsonNode tryMutate(String name, String selection, Map<String, ?> input) {
        String type = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Input";
        String document = "mutation($input: " + type + "!) { " + name + "(input: $input) { " + selection
                + " userErrors { field message } } }";
        return data(document, Map.of("input", input)).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> variables) {
        return (Map<String, Object>) variables;
    }

    /** The texts of a list field, e.g. the ids of {@code [{"id": ...}]}. */
    public static List<String> texts(JsonNode array, String field) {
        return array.valueStream().map(n -> n.get(field).asString()).toList();
    }
}

package dev.oncall.api.incident;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code JSON}: a stored JSON document (an event's data, an alert's payload) handed to clients
 * as it is, parsed by Jackson so the response carries it as JSON rather than as a string.
 * Output only: nothing in the API takes free-form JSON as input.
 */
@Configuration
class JsonScalar {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("Any JSON value (output only)")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    try {
                        return switch (value) {
                            case String text -> JSON.treeToValue(JSON.readTree(text), Object.class);
                            case JsonNode node -> JSON.treeToValue(node, Object.class);
                            default -> throw new CoercingSerializeException("not JSON: " + value.getClass().getSimpleName());
                        };
                    } catch (JacksonException e) {
                        throw new CoercingSerializeException("stored JSON could not be read");
                    }
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    throw new CoercingParseValueException("JSON values are output only");
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    throw new CoercingParseLiteralException("JSON values are output only");
                }
            })
            .build();

    @Bean
    RuntimeWiringConfigurer jsonScalarWiring() {
        return wiring -> wiring.scalar(TYPE);
    }
}

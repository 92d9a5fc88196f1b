package dev.oncall.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code DateTime}: an instant, written as ISO-8601 in UTC ({@code 2026-03-09T13:00:00Z}).
 * Input may carry any offset ({@code 2026-03-09T09:00:00-04:00}); it names the same instant.
 */
public final class InstantScalar {
    private InstantScalar() {}

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant, ISO-8601; output always in UTC")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant i) {
                        return i.toString();
                    }
                    if (value instanceof OffsetDateTime o) {
                        return o.toInstant().toString();
                    }
                    throw new CoercingSerializeException("not an instant: " + value);
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String s) {
                        return parse(s, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("expected an ISO-8601 date-time string");
                }

                @Override
                public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                            Locale locale) {
                    if (input instanceof StringValue s) {
                        return parse(s.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("expected an ISO-8601 date-time string");
                }
            })
            .build();

    private static <E extends RuntimeException> Instant parse(String text,
                                                              java.util.function.Function<String, E> error) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw error.apply("not an ISO-8601 date-time with offset (like 2026-03-09T13:00:00Z): " + text);
        }
    }
}

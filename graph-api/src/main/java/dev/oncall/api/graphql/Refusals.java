package dev.oncall.api.graphql;

import dev.oncall.api.http.DatabaseOutage;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.DatabaseUnavailable;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.core.convert.ConversionException;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;

/**
 * What a client is told when a query, a mutation or a subscription refuses a request: one
 * classification and message per kind of refusal, shared by {@link ApiExceptionResolver} and the
 * subscriptions' resolver so a malformed argument is a BAD_REQUEST on every path. Anything not
 * listed here is unexpected, and each resolver reports it as an internal error with an id.
 */
public final class Refusals {
    /** A refusal as the client sees it; {@code field} the argument it is about, if one. */
    public sealed interface Refusal {
        /** The error a resolver answers with. */
        GraphQLError error(GraphqlErrorBuilder<?> builder);
    }

    /** A refused request; {@code extensions.field} names the argument when there is one. */
    record Refused(ErrorType type, String message, Optional<String> field) implements Refusal {
        Refused(ErrorType type, String message) {
            this(type, message, Optional.empty());
        }

        @Override
        public GraphQLError error(GraphqlErrorBuilder<?> builder) {
            builder.errorType(type).message(message);
            field.ifPresent(f -> builder.extensions(Map.of("field", f)));
            return builder.build();
        }
    }

    /** The database is unavailable: nothing was done, try again ({@link DatabaseOutage}). */
    record Unavailable() implements Refusal {
        @Override
        public GraphQLError error(GraphqlErrorBuilder<?> builder) {
            return DatabaseOutage.graphQlError(builder);
        }
    }

    private Refusals() {}

    public static Optional<Refusal> of(Throwable ex) {
        return switch (ex) {
            case ApiException a -> Optional.of(new Refused(a.type(), a.getMessage(), a.field()));
            case ValidationException v -> Optional.of(new Refused(ErrorType.BAD_REQUEST, v.getMessage(),
                    v.errors().size() == 1 ? Optional.of(v.errors().getFirst().field()) : Optional.empty()));
            case AccessDeniedException a -> Optional.of(new Refused(ErrorType.FORBIDDEN, "forbidden"));
            case BindException b -> Optional.of(new Refused(ErrorType.BAD_REQUEST, describe(b)));
            case ConversionException c -> Optional.of(new Refused(ErrorType.BAD_REQUEST,
                    "an argument has the wrong form: " + (c.getMostSpecificCause().getMessage() == null
                            ? "unreadable" : firstLine(c.getMostSpecificCause().getMessage()))));
            // Reactive and asynchronous paths wrap what the controller threw.
            case CompletionException w when w.getCause() != null -> of(w.getCause());
            case ExecutionException w when w.getCause() != null -> of(w.getCause());
            case Throwable t when DatabaseUnavailable.isCause(t) -> Optional.of(new Unavailable());
            default -> Optional.empty();
        };
    }

    private static String describe(BindException b) {
        StringBuilder out = new StringBuilder();
        b.getFieldErrors().forEach(e -> out.append(out.isEmpty() ? "" : "; ")
                .append(e.getField().equals("$") ? "an argument" : e.getField())
                .append(": cannot be read as the expected type (got \"").append(e.getRejectedValue()).append("\")"));
        return out.isEmpty() ? "an argument has the wrong form" : out.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

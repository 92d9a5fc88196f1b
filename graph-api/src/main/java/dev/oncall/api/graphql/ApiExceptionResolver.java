package dev.oncall.api.graphql;

import dev.oncall.core.validation.ValidationException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.ConversionException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * Turns whatever a data fetcher threw into a GraphQL error a client can act on. Expected refusals
 * keep their message; anything unexpected becomes "internal error" with an id that is logged
 * with the full exception here, so no stack trace, SQL or class name ever reaches a client.
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        return switch (ex) {
            case ApiException a -> error(env, a.type(), a.getMessage());
            case ValidationException v -> error(env, ErrorType.BAD_REQUEST, v.getMessage());
            case AccessDeniedException a -> error(env, ErrorType.FORBIDDEN, "forbidden");
            case BindException b -> error(env, ErrorType.BAD_REQUEST, describe(b));
            case ConversionException c -> error(env, ErrorType.BAD_REQUEST, "an argument has the wrong form: "
                    + (c.getMostSpecificCause().getMessage() == null ? "unreadable" : firstLine(c.getMostSpecificCause().getMessage())));
            default -> internal(ex, env);
        };
    }

    private static GraphQLError internal(Throwable ex, DataFetchingEnvironment env) {
        String id = UUID.randomUUID().toString();
        log.error("unexpected error {} in {}", id, env.getExecutionStepInfo().getPath(), ex);
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
                .message("internal error; quote reference " + id + " when reporting it")
                .extensions(Map.of("errorId", id)).build();
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
        return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
    }

    private static String describe(BindException b) {
        StringBuilder out = new StringBuilder();
        b.getFieldErrors().forEach(e -> out.append(out.isEmpty() ? "" : "; ").append(e.getField())
                .append(": cannot be read as the expected type (got \"").append(e.getRejectedValue()).append("\")"));
        return out.isEmpty() ? "an argument has the wrong form" : out.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

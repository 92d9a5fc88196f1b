package dev.oncall.api.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Turns whatever a data fetcher threw into a GraphQL error a client can act on. Expected refusals
 * ({@link Refusals}) keep their message; anything unexpected becomes "internal error" with an id
 * that is logged with the full exception here, so no stack trace, SQL or class name ever reaches a client.
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof LimitExceeded limit) {
            return limit.error();
        }
        if (ex instanceof AbortExecutionException aborted) {
            // graphql-java abandoning the rest of an execution cancelled at its deadline (OperationDeadline).
            return GraphqlErrorBuilder.newError(env).message(aborted.getMessage()).errorType(aborted.getErrorType()).build();
        }
        return Refusals.of(ex)
                .map(r -> r.error(GraphqlErrorBuilder.newError(env)))
                .orElseGet(() -> internal(ex, env));
    }

    private static GraphQLError internal(Throwable ex, DataFetchingEnvironment env) {
        String id = UUID.randomUUID().toString();
        log.error("unexpected error {} in {}", id, env.getExecutionStepInfo().getPath(), ex);
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
                .message("internal error; quote reference " + id + " when reporting it")
                .extensions(Map.of("errorId", id)).build();
    }
}

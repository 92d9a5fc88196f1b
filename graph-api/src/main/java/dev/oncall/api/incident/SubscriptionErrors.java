package dev.oncall.api.incident;

import dev.oncall.api.graphql.Refusals;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * What a subscription that fails (refused when subscribing, or broken later) tells its client:
 * the same classifications and messages as queries get ({@link Refusals}), and for anything
 * unexpected an id that is logged here with the cause, never the cause itself.
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        return Refusals.of(ex)
                .map(r -> r.error(GraphqlErrorBuilder.newError()))
                .orElseGet(() -> {
                    String id = UUID.randomUUID().toString();
                    log.error("unexpected error {} in a subscription", id, ex);
                    return GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR)
                            .message("internal error; quote reference " + id + " when reporting it")
                            .extensions(Map.of("errorId", id)).build();
                });
    }
}

package dev.oncall.api.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.execution.ErrorType;

/**
 * An operation refused or stopped by one of the API's limits (docs/api.md, Limits): answered as a
 * GraphQL error with {@code extensions.code} naming the limit, {@code extensions.limit} its
 * value, and the classification, never as an HTTP error.
 */
public final class LimitExceeded extends AbortExecutionException {
    private final GraphQLError error;

    private LimitExceeded(GraphQLError error) {
        super(List.of(error));
        this.error = error;
    }

    private LimitExceeded(ErrorClassification type, String code, String message, Map<String, Object> details) {
        this(error(type, code, message, details));
    }

    private static GraphQLError error(ErrorClassification type, String code, String message, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.putAll(details);
        return GraphqlErrorBuilder.newError().errorType(type).message(message).extensions(extensions).build();
    }

    /** The error the client is told. */
    public GraphQLError error() {
        return error;
    }

    @Override
    public String getMessage() {
        return error.getMessage();
    }

    static LimitExceeded complexity(int cost, int limit) {
        return new LimitExceeded(ErrorType.BAD_REQUEST, "QUERY_TOO_COMPLEX", "the operation costs at least " + cost
                + ", more than the " + limit + " allowed (oncall.api.max-query-complexity): ask for smaller pages"
                + " (first), shorter time ranges or fewer aliases", Map.of("cost", cost, "limit", limit));
    }

    static LimitExceeded depth(int depth, int limit) {
        return new LimitExceeded(ErrorType.BAD_REQUEST, "QUERY_TOO_DEEP", "the operation nests " + depth
                + " levels deep, more than the " + limit + " allowed (oncall.api.max-query-depth)",
                Map.of("depth", depth, "limit", limit));
    }

    static LimitExceeded timeout(Duration limit) {
        return new LimitExceeded(ErrorClassification.errorClassification("TIMEOUT"), "OPERATION_TIMEOUT", "the operation was stopped after "
                + limit.toMillis() + " ms (oncall.api.operation-timeout): ask for less at a time",
                Map.of("limit", limit.toString()));
    }

    /** Too many live subscriptions; {@code scope} says whose ("connection" or "caller"). */
    public static LimitExceeded subscriptions(String scope, int limit, String setting) {
        return new LimitExceeded(ErrorType.BAD_REQUEST, "TOO_MANY_SUBSCRIPTIONS", "at most " + limit
                + " live subscriptions per " + scope + " (" + setting + "): end one before starting another",
                Map.of("scope", scope, "limit", limit));
    }

}

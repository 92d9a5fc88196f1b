package dev.oncall.api.http;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;

/**
 * What every client is told while the database is unavailable (platform's DatabaseUnavailable
 * decides when): nothing was recorded, try again in a few seconds. Over HTTP it is 503 with
 * {@code Retry-After}, which PagerDuty senders and Alertmanager retry on; in GraphQL an error
 * whose {@code extensions.code} and classification are {@code UNAVAILABLE}.
 */
public final class DatabaseOutage {
    /** Seconds in {@code Retry-After}: long enough not to hammer a database coming back, short enough not to delay an alert. */
    public static final long RETRY_AFTER_SECONDS = 5;
    public static final String CODE = "UNAVAILABLE";
    public static final String MESSAGE = "the database is unavailable; nothing was recorded, try again in a few seconds";

    private DatabaseOutage() {}

    /** The GraphQL error, located by {@code builder} (a field's path, or none for a whole request). */
    public static GraphQLError graphQlError(GraphqlErrorBuilder<?> builder) {
        return builder.errorType(ErrorClassification.errorClassification(CODE)).message(MESSAGE)
                .extensions(Map.of("code", CODE)).build();
    }
}

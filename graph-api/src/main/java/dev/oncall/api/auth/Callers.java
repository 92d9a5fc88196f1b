package dev.oncall.api.auth;

import dev.oncall.api.graphql.ApiException;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/** Where a GraphQL operation's {@link Caller} lives: in its GraphQL context, put there by {@link CallerInterceptor}. */
public final class Callers {
    static final String KEY = Caller.class.getName();

    private Callers() {}

    public static Caller of(DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }

    public static Caller of(GraphQLContext context) {
        Caller caller = context.get(KEY);
        if (caller == null) {
            throw ApiException.unauthorized("authentication required");
        }
        return caller;
    }
}

package dev.oncall.api.graphql;

import dev.oncall.api.graphql.Window;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one field of an operation costs, as graphql-java's complexity analysis adds it up before
 * anything runs (docs/api.md, Limits). The cost approximates the objects the server must load or
 * compute, since that is what a query spends:
 * <ul>
 *   <li>a scalar or enum field costs nothing: it is read from an object already loaded;</li>
 *   <li>an object, or a list of objects without a page, costs 1 plus what it selects;</li>
 *   <li>a connection ({@code first}) costs its page size times (1 plus what it selects), the
 *       default page size when {@code first} is absent, so {@code incidents → events → incident →
 *       events} costs what it could return;</li>
 *   <li>a time query ({@code from}, {@code to}) costs {@value #DAY} per day it spans, since
 *       evaluating a schedule over a day is worth many rows: without a page, like
 *       {@code timeline}, each day also counts what it selects; a paged one, like
 *       {@code shifts}, adds the days to its page's cost.</li>
 * </ul>
 * Each occurrence of a field counts, so aliases and repeated fragments cost again. Out-of-range
 * values are counted at the legal bound, so the field's own argument check can say what is wrong.
 */
final class QueryCost implements FieldComplexityCalculator {
    /** What one day of a time query costs: a schedule evaluated over it. */
    static final int DAY = 10;
    private final int ceiling;

    /** {@code limit} the most an operation may cost: any one field is counted up to just above it, so sums do not overflow. */
    QueryCost(int limit) {
        this.ceiling = limit + 1;
    }

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        Map<String, Object> args = env.getArguments();
        GraphQLFieldDefinition field = env.getFieldDefinition();
        boolean paged = field.getArgument("first") != null;
        boolean ranged = field.getArgument("from") != null && field.getArgument("to") != null;
        long cost;
        if (paged) {
            cost = pageSize(args.get("first")) * (1L + childComplexity) + (ranged ? DAY * days(args) : 0);
        } else if (ranged) {
            cost = days(args) * (DAY + childComplexity);
        } else if (GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLScalarType
                || GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLEnumType) {
            cost = 0;
        } else {
            cost = 1L + childComplexity;
        }
        return (int) Math.min(cost, ceiling);
    }

    private static long pageSize(Object first) {
        int n = first instanceof Integer i ? i : Connections.DEFAULT_PAGE;
        return Math.clamp(n, 1, Connections.MAX_PAGE);
    }

    private static long days(Map<String, Object> args) {
        Object from = args.get("from");
        Object to = args.get("to");
        if (!(from instanceof Instant f) || !(to instanceof Instant t) || !t.isAfter(f)) {
            return 1;
        }
        Duration span = Duration.between(f, t);
        long days = span.toDays() + (span.equals(Duration.ofDays(span.toDays())) ? 0 : 1);
        return Math.clamp(days, 1, Window.MAX.toDays());
    }
}

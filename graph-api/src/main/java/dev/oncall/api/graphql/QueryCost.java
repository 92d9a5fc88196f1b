package dev.oncall.api.graphql;

import dev.oncall.api.schedule.Window;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one field of an operation costs, as graphql-java's complexity analysis adds it up before
 * anything runs (docs/api.md, Limits). A field costs 1 plus what it selects, multiplied by how
 * many times the server will produce that selection:
 * <ul>
 *   <li>a connection ({@code first}) by its page size, the default page size when {@code first}
 *       is absent, so {@code incidents → events → incident → events} costs what it could return;</li>
 *   <li>a time query ({@code from}, {@code to}) without a page, like {@code timeline} and
 *       {@code hoursByUser}, by the days it spans (its segments grow with them); a paged one, like
 *       {@code shifts}, adds those days once for rendering the range.</li>
 * </ul>
 * Each occurrence of a field counts, so aliases and repeated fragments cost again. Out-of-range
 * values are counted at the legal bound, so the field's own argument check can say what is wrong.
 */
final class QueryCost implements FieldComplexityCalculator {
    private final int ceiling;

    /** {@code limit} the most an operation may cost: any one field is counted up to just above it, so sums do not overflow. */
    QueryCost(int limit) {
        this.ceiling = limit + 1;
    }

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        Map<String, Object> args = env.getArguments();
        boolean paged = env.getFieldDefinition().getArgument("first") != null;
        boolean ranged = env.getFieldDefinition().getArgument("from") != null
                && env.getFieldDefinition().getArgument("to") != null;
        long days = ranged ? days(args.get("from"), args.get("to")) : 0;
        long times = paged ? pageSize(args.get("first")) : ranged ? days : 1;
        long cost = 1 + times * childComplexity + (paged ? days : 0);
        return (int) Math.min(cost, ceiling);
    }

    private static long pageSize(Object first) {
        int n = first instanceof Integer i ? i : Connections.DEFAULT_PAGE;
        return Math.clamp(n, 1, Connections.MAX_PAGE);
    }

    private static long days(Object from, Object to) {
        if (!(from instanceof Instant f) || !(to instanceof Instant t) || !t.isAfter(f)) {
            return 1;
        }
        Duration span = Duration.between(f, t);
        long days = span.toDays() + (span.equals(Duration.ofDays(span.toDays())) ? 0 : 1);
        return Math.clamp(days, 1, Window.MAX.toDays());
    }
}

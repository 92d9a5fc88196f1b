package dev.oncall.api.graphql;

import java.util.List;

/** A Relay-style page: edges with opaque cursors, and whether more follow. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
    public record Edge<T>(String cursor, T node) {}

    public record PageInfo(boolean hasNextPage, String endCursor) {}

    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }
}

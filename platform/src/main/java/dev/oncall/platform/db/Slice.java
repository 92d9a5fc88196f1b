package dev.oncall.platform.db;

import java.util.List;
import java.util.Optional;

/**
 * One slice (a page of results) of a list ordered by a unique key: the items, and whether more follow.
 * The cursor of the next page is the key of the last item.
 */
public record Slice<T>(List<T> items, boolean hasMore) {
    public static final int MAX_SIZE = 100;

    public Slice {
        items = List.copyOf(items);
    }

    /** Cuts a result fetched with {@code limit + 1} rows down to {@code limit}, remembering whether more exist. */
    public static <T> Slice<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Slice<>(fetched.subList(0, limit), true) : new Slice<>(fetched, false);
    }

    public Optional<T> last() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1));
    }

    /** A requested page size clamped to [1, MAX_SIZE]. */
    public static int size(Integer requested, int fallback) {
        int n = requested == null ? fallback : requested;
        return Math.max(1, Math.min(MAX_SIZE, n));
    }
}

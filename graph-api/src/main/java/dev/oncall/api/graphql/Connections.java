package dev.oncall.api.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Pages over lists ordered by a unique text key. A cursor is the key of the last item seen
 * (opaque to clients), so a page is stable even when items before it are added or deleted.
 */
public final class Connections {
    /** The largest page anyone may ask for. */
    public static final int MAX_PAGE = 100;
    private static final String VERSION = "1:";

    private Connections() {}

    /** The requested page size, refused outside [1, MAX_PAGE] rather than silently changed. */
    public static int size(Integer first) {
        int n = first == null ? 50 : first;
        if (n < 1 || n > MAX_PAGE) {
            throw ApiException.badRequest("first must be between 1 and " + MAX_PAGE + ", got " + n);
        }
        return n;
    }

    /** The page of {@code items} after cursor {@code after}, ordered by {@code key}. */
    public static <T> Connection<T> page(List<T> items, Function<T, String> key, Integer first, String after) {
        int size = size(first);
        String afterKey = after == null ? null : decode(after);
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key));
        List<Connection.Edge<T>> edges = new ArrayList<>();
        boolean more = false;
        for (T item : sorted) {
            String k = key.apply(item);
            if (afterKey != null && k.compareTo(afterKey) <= 0) {
                continue;
            }
            if (edges.size() == size) {
                more = true;
                break;
            }
            edges.add(new Connection.Edge<>(encode(k), item));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connection<>(edges, new Connection.PageInfo(more, end));
    }

    /** A sort key for an instant-ordered list: fixed width, so text order is time order. */
    public static String timeKey(java.time.Instant t, String tieBreak) {
        return String.format("%019d%09d|%s", t.getEpochSecond() + 100_000_000_000L, t.getNano(), tieBreak);
    }

    /** The opaque cursor of a key, for lists paged in the database rather than by {@link #page}. */
    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key in a cursor {@link #encode} made; BAD_REQUEST for anything else. */
    public static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(VERSION)) {
                throw new IllegalArgumentException();
            }
            return text.substring(VERSION.length());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("after is not a cursor this API returned");
        }
    }
}

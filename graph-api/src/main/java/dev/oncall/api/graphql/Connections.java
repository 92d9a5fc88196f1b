package dev.oncall.api.graphql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Pages over lists ordered by a unique text key. A cursor is the key of the last item seen
 * (opaque to clients), so a page is stable even when items before it are added or deleted.
 *
 * <p>A cursor also carries the name of its list and a check value over both, and {@link #decode}
 * refuses (BAD_REQUEST naming {@code after}) any cursor that was not made by {@link #encode} for
 * that list: made up, edited, cut short, or taken from another list. Otherwise such a cursor
 * would be read as a position and silently answer some other page. The check value is a digest,
 * not a keyed signature: a cursor grants nothing (every page is access-checked as the first one
 * is), so there is nothing to forge it for, and no secret has to be shared by every replica
 * that may be asked for the next page.
 */
public final class Connections {
    /** The largest page anyone may ask for. */
    public static final int MAX_PAGE = 100;
    /** The page size when a request names none (the SDL's default for most connections). */
    public static final int DEFAULT_PAGE = 50;
    private static final byte VERSION = 2;
    private static final int CHECK_BYTES = 8;

    private Connections() {}

    /** The requested page size, refused outside [1, MAX_PAGE] rather than silently changed. */
    public static int size(Integer first) {
        int n = first == null ? DEFAULT_PAGE : first;
        if (n < 1 || n > MAX_PAGE) {
            throw ApiException.badRequest("first", "first must be between 1 and " + MAX_PAGE + ", got " + n);
        }
        return n;
    }

    /** The page of {@code items} of the connection {@code list} after cursor {@code after}, ordered by {@code key}. */
    public static <T> Connection<T> page(String list, List<T> items, Function<T, String> key, Integer first,
                                         String after) {
        int size = size(first);
        String afterKey = after == null ? null : decode(list, after);
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
            edges.add(new Connection.Edge<>(encode(list, k), item));
        }
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connection<>(edges, new Connection.PageInfo(more, end));
    }

    /** A sort key for an instant-ordered list: fixed width, so text order is time order. */
    public static String timeKey(java.time.Instant t, String tieBreak) {
        return String.format("%019d%09d|%s", t.getEpochSecond() + 100_000_000_000L, t.getNano(), tieBreak);
    }

    /** The opaque cursor of {@code key} in the connection {@code list}, for lists paged in the database. */
    public static String encode(String list, String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + CHECK_BYTES + text.length);
        out.put(VERSION).put(check(list, text)).put(text);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** The key in a cursor {@link #encode} made for {@code list}; BAD_REQUEST naming {@code after} for anything else. */
    public static String decode(String list, String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw refused(list);
        }
        if (bytes.length < 1 + CHECK_BYTES || bytes[0] != VERSION) {
            throw refused(list);
        }
        byte[] text = Arrays.copyOfRange(bytes, 1 + CHECK_BYTES, bytes.length);
        if (!MessageDigest.isEqual(check(list, text), Arrays.copyOfRange(bytes, 1, 1 + CHECK_BYTES))) {
            throw refused(list);
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    private static ApiException refused(String list) {
        return ApiException.badRequest("after", "after is not a cursor this API returned for " + list
                + ": pass the endCursor of the page before, or leave after out to start from the first page");
    }

    private static byte[] check(String list, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(list.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key);
            return Arrays.copyOf(sha.digest(), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

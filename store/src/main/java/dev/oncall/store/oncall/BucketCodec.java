package dev.oncall.store.oncall;

import dev.oncall.core.schedule.Segment;
import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bucket's segments as stored in Redis: {@code [{"s":"…Z","e":"…Z","u":["user id",…]}]},
 * instants in ISO-8601 so nothing is rounded.
 */
final class BucketCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Stored>> LIST = new TypeReference<>() {};

    private record Stored(String s, String e, List<String> u) {}

    private BucketCodec() {}

    static String encode(List<Segment> segments) {
        return JSON.writeValueAsString(segments.stream()
                .map(x -> new Stored(x.start().toString(), x.end().toString(),
                        x.users().stream().map(UserRef::value).toList())).toList());
    }

    /** The segments; {@link CorruptEntry} when the value is not a valid entry (bad JSON or an impossible segment). */
    static List<Segment> decode(String value) {
        try {
            return JSON.readValue(value, LIST).stream()
                    .map(x -> new Segment(Instant.parse(x.s()), Instant.parse(x.e()),
                            x.u().stream().map(UserRef::of).toList())).toList();
        } catch (RuntimeException e) {
            throw new CorruptEntry(e);
        }
    }

    static final class CorruptEntry extends RuntimeException {
        CorruptEntry(Throwable cause) {
            super("not a valid on-call cache entry: " + cause.getMessage(), cause);
        }
    }
}

package dev.oncall.core.grouping;

import dev.oncall.core.alert.AlertFields;
import dev.oncall.core.alert.FieldPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which group a new alert joins: the one rule ingest applies, pure so it can be tested on
 * generated alerts.
 *
 * <p>Content grouping: two alerts share a group exactly when, at every chosen field, both lack a
 * value or both have the same value (compared as text, exactly). An absent value (a label the
 * alert does not carry, an empty summary) is therefore a value of its own: alerts missing
 * {@code labels.cluster} group together, apart from every alert that has one. The fields
 * themselves are part of the key, so changing a service's fields never joins a new alert to a
 * group formed under the old ones.
 */
public final class GroupKeys {
    private GroupKeys() {}

    /** The group of an alert with {@code fields} arriving at {@code now}; empty when the service does not group. */
    public static Optional<GroupKey> of(Grouping grouping, AlertFields fields, Instant now) {
        return switch (grouping.mode()) {
            case NONE -> Optional.empty();
            case TIME_WINDOW -> Optional.of(new GroupKey(GroupingMode.TIME_WINDOW.code(),
                    Optional.of(now.plus(grouping.window().orElseThrow())), Map.of()));
            case CONTENT -> Optional.of(content(grouping, fields));
        };
    }

    private static GroupKey content(Grouping grouping, AlertFields fields) {
        MessageDigest digest = sha256();
        Map<String, String> shown = new LinkedHashMap<>();
        for (FieldPath path : grouping.fields()) {
            Optional<String> value = fields.value(path);
            // Length-prefixed, so no choice of values can make two different lists read alike.
            update(digest, path.toString());
            digest.update((byte) (value.isPresent() ? 1 : 0));
            value.ifPresent(v -> {
                update(digest, v);
                shown.put(path.toString(), v);
            });
        }
        return new GroupKey(GroupingMode.CONTENT.code() + ":" + HexFormat.of().formatHex(digest.digest()),
                Optional.empty(), shown);
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

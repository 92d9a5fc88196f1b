package dev.oncall.acceptance.sweep;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * What a careless or hostile client sends, by the kind of value expected: control characters
 * (NUL first), lone surrogates, very long and empty text, wrong JSON types, out-of-range
 * numbers, malformed ids, instants and cursors, and random text from a seeded generator mixing
 * all of those with ordinary and astral characters.
 */
final class BadValues {
    /** A value and how the report names it. */
    record Bad(String label, Object value) {}

    /** Stands for JSON null in a value tree. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int[] CONTROLS = {0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x85, 0x9F};

    private final Random random;

    BadValues(long seed) {
        this.random = new Random(seed);
    }

    /** Bad text for a String or ID position. */
    List<Bad> text() {
        List<Bad> out = new ArrayList<>();
        for (int c : CONTROLS) {
            out.add(new Bad(String.format("U+%04X inside", c), "a" + (char) c + "b"));
        }
        out.add(new Bad("only NUL", "\u0000"));
        out.add(new Bad("lone high surrogate", "a\uD800b"));
        out.add(new Bad("lone low surrogate", "\uDFFF"));
        out.add(new Bad("reversed surrogate pair", "\uDC00\uD800"));
        out.add(new Bad("100,000 characters", "a".repeat(100_000)));
        out.add(new Bad("2,000 astral characters", "\uD83D\uDD25".repeat(2_000)));
        out.add(new Bad("empty", ""));
        out.add(new Bad("blank", "   "));
        out.add(new Bad("newline", "line one\nline two"));
        out.add(new Bad("number instead of text", 42));
        out.add(new Bad("object instead of text", Map.of("a", 1)));
        out.add(new Bad("list instead of text", List.of("x")));
        out.add(new Bad("boolean instead of text", true));
        for (int i = 0; i < 3; i++) {
            out.add(new Bad("random text #" + i, randomText()));
        }
        return out;
    }

    /** Malformed and unknown ids. */
    List<Bad> ids() {
        List<Bad> out = new ArrayList<>(text());
        out.add(new Bad("not an id", "x"));
        out.add(new Bad("zero", "0"));
        out.add(new Bad("uuid in braces", "{" + UUID.randomUUID() + "}"));
        out.add(new Bad("nil uuid", "00000000-0000-0000-0000-000000000000"));
        out.add(new Bad("unknown uuid", UUID.randomUUID().toString()));
        out.add(new Bad("uuid with trailing junk", UUID.randomUUID() + "x"));
        return out;
    }

    /** Forged and malformed page cursors. */
    List<Bad> cursors() {
        List<Bad> out = new ArrayList<>(text());
        out.add(new Bad("not base64", "%%%"));
        out.add(new Bad("base64 of junk", Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff})));
        out.add(new Bad("base64 of json", Base64.getEncoder().encodeToString("{\"x\":1}".getBytes())));
        out.add(new Bad("base64url of a uuid", Base64.getUrlEncoder().encodeToString(UUID.randomUUID().toString().getBytes())));
        out.add(new Bad("random base64", Base64.getEncoder().encodeToString(randomBytes(48))));
        return out;
    }

    List<Bad> ints() {
        return List.of(new Bad("2^31", 2_147_483_648L), new Bad("-2^31-1", -2_147_483_649L), new Bad("-1", -1),
                new Bad("huge", 1_000_000_000), new Bad("fraction", 1.5), new Bad("text", "1"), new Bad("boolean", true),
                new Bad("object", Map.of()));
    }

    List<Bad> booleans() {
        return List.of(new Bad("text", "true"), new Bad("number", 1), new Bad("object", Map.of()));
    }

    List<Bad> instants() {
        return List.of(new Bad("not an instant", "yesterday"), new Bad("February 30", "2026-02-30T00:00:00Z"),
                new Bad("no zone", "2026-01-01T09:00:00"), new Bad("year 1000000000", "+1000000000-01-01T00:00:00Z"),
                new Bad("year 1", "0001-01-01T00:00:00Z"), new Bad("sub-second", "2031-01-01T00:00:00.5Z"),
                new Bad("number", 0), new Bad("NUL", "2026-01-01T00:00:00Z\u0000"), new Bad("empty", ""));
    }

    List<Bad> enums() {
        return List.of(new Bad("unknown value", "NOT_A_VALUE"), new Bad("lower case", "high"), new Bad("number", 1),
                new Bad("NUL", "\u0000"), new Bad("empty", ""));
    }

    List<Bad> objects(Map<String, Object> baseline) {
        Map<String, Object> extra = new HashMap<>(baseline);
        extra.put("notAField", 1);
        return List.of(new Bad("text instead of object", "x"), new Bad("list instead of object", List.of()),
                new Bad("empty object", Map.of()), new Bad("unknown field", extra));
    }

    List<Bad> lists(Object element) {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(element);
        }
        List<Object> withNull = new ArrayList<>();
        withNull.add(NULL);
        return List.of(new Bad("5,000 elements", many), new Bad("a null element", withNull),
                new Bad("object instead of list", Map.of("a", 1)));
    }

    /** Ordinary, control, surrogate and astral characters mixed at random (seeded: reproducible). */
    String randomText() {
        int length = 1 + random.nextInt(40);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> s.appendCodePoint(0x1F300 + random.nextInt(0x300));
                case 3 -> s.append((char) (0x80 + random.nextInt(0x20)));
                default -> s.append((char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

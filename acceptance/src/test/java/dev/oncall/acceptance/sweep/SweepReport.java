package dev.oncall.acceptance.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a sweep tried and what went wrong: requests per surface, server errors (5xx),
 * {@code INTERNAL_ERROR}s, and refusals that did not name the field they refused.
 */
public final class SweepReport {
    private final Map<String, LongAdder> tried = new ConcurrentHashMap<>();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private final AtomicLong unnamed = new AtomicLong();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    void tried(String surface) {
        tried.computeIfAbsent(surface, k -> new LongAdder()).increment();
    }

    void serverError(String what) {
        serverErrors.incrementAndGet();
        problems.add("5xx: " + what);
    }

    void internalError(String what) {
        internalErrors.incrementAndGet();
        problems.add("INTERNAL_ERROR: " + what);
    }

    void unnamed(String what) {
        unnamed.incrementAndGet();
        problems.add("refused without naming the field: " + what);
    }

    public long total() {
        return tried.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public String firstProblems(int n) {
        return String.join(System.lineSeparator(), problems.stream().limit(n)
                .map(p -> printable(p.length() > 500 ? p.substring(0, 500) + " ..." : p)).toList());
    }

    public String summary() {
        Map<String, Long> bySurface = new TreeMap<>();
        tried.forEach((k, v) -> bySurface.put(k, v.sum()));
        return "bad-input sweep: " + total() + " requests tried " + bySurface + "; " + serverErrors.get() + " 5xx, "
                + internalErrors.get() + " INTERNAL_ERROR, " + unnamed.get() + " refusals not naming the field";
    }

    /** Control characters and lone surrogates as escapes, so the report is readable text. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes the summary and every problem to {@code file}. */
    public void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        problems.forEach(p -> lines.add(printable(p.length() > 2_000 ? p.substring(0, 2_000) + " ..." : p)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

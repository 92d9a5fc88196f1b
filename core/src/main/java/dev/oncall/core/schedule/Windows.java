package dev.oncall.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Restriction windows as instants (rule 4): their union, and shifts masked by it. */
final class Windows {
    private Windows() {
    }

    /** An open window [start, end). */
    record Span(Instant start, Instant end) {
    }

    /**
     * The union of every window of {@code restrictions} that meets [from, to), clipped to it,
     * ordered and merged.
     */
    static List<Span> open(List<Restriction> restrictions, ZoneRules rules, Instant from, Instant to) {
        int span = restrictions.stream().mapToInt(Restriction::maxSpanDays).max().orElse(0);
        // A window that ends after `from` closes at a local time after the wall clock at `from`,
        // so it opened at most `span` days before that date. One that opens before `to` opens no
        // later than the wall clock reads just before `to`, which a clock set back can put up to
        // a day past the wall clock at `to`: two days of margin cover every transition in tzdb.
        LocalDate first = LocalTimes.wallClock(from, rules).toLocalDate().minusDays(span);
        LocalDate last = LocalTimes.wallClock(to, rules).toLocalDate().plusDays(2);
        List<Span> spans = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Restriction restriction : restrictions) {
                Optional<LocalWindow> window = restriction.windowOpeningOn(day);
                if (window.isEmpty()) {
                    continue;
                }
                Instant s = LocalTimes.toInstant(window.get().start(), rules);
                Instant e = LocalTimes.toInstant(window.get().end(), rules);
                if (s.isBefore(from)) {
                    s = from;
                }
                if (e.isAfter(to)) {
                    e = to;
                }
                if (e.isAfter(s)) {
                    spans.add(new Span(s, e));
                }
            }
        }
        spans.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span s : spans) {
            Span lastSpan = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (lastSpan != null && !s.start().isAfter(lastSpan.end())) {
                if (s.end().isAfter(lastSpan.end())) {
                    merged.set(merged.size() - 1, new Span(lastSpan.start(), s.end()));
                }
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    /** Whether some window of {@code restrictions} is open at {@code t}. */
    static boolean isOpen(List<Restriction> restrictions, ZoneRules rules, Instant t) {
        return !open(restrictions, rules, t, t.plusNanos(1)).isEmpty();
    }

    /** The parts of {@code pieces} inside {@code windows}; both ordered and disjoint. */
    static List<LayerPlan.Piece> mask(List<LayerPlan.Piece> pieces, List<Span> windows) {
        List<LayerPlan.Piece> masked = new ArrayList<>();
        int w = 0;
        for (LayerPlan.Piece piece : pieces) {
            while (w < windows.size() && !windows.get(w).end().isAfter(piece.start())) {
                w++;
            }
            for (int i = w; i < windows.size() && windows.get(i).start().isBefore(piece.end()); i++) {
                Span window = windows.get(i);
                Instant s = window.start().isAfter(piece.start()) ? window.start() : piece.start();
                Instant e = window.end().isBefore(piece.end()) ? window.end() : piece.end();
                if (e.isAfter(s)) {
                    masked.add(new LayerPlan.Piece(s, e, piece.shift()));
                }
            }
        }
        return masked;
    }
}

package dev.oncall.core.routing;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparison of one condition, with what it compares against already prepared (a regular
 * expression compiled once, when the rules are read, never per alert).
 */
public sealed interface Match {
    Operator operator();

    /** The texts the rule was written with, in the order a file shows them. */
    List<String> values();

    /** Whether an alert's value ({@code empty} when the alert does not carry the field) passes. */
    boolean test(Optional<String> value);

    record Equals(String value) implements Match {
        public Equals {
            Objects.requireNonNull(value, "value");
        }

        public Operator operator() {
            return Operator.EQUALS;
        }

        public List<String> values() {
            return List.of(value);
        }

        public boolean test(Optional<String> v) {
            return v.isPresent() && v.get().equals(value);
        }
    }

    record Contains(String value) implements Match {
        public Contains {
            Objects.requireNonNull(value, "value");
        }

        public Operator operator() {
            return Operator.CONTAINS;
        }

        public List<String> values() {
            return List.of(value);
        }

        public boolean test(Optional<String> v) {
            return v.isPresent() && v.get().contains(value);
        }
    }

    /** RE2/J: linear in the value's length whatever the pattern, so a rule cannot stall ingest. */
    record Matches(Pattern pattern) implements Match {
        public Matches {
            Objects.requireNonNull(pattern, "pattern");
        }

        public Operator operator() {
            return Operator.MATCHES;
        }

        public List<String> values() {
            return List.of(pattern.pattern());
        }

        public boolean test(Optional<String> v) {
            return v.isPresent() && pattern.matches(v.get());
        }
    }

    record Exists() implements Match {
        public Operator operator() {
            return Operator.EXISTS;
        }

        public List<String> values() {
            return List.of();
        }

        public boolean test(Optional<String> v) {
            return v.isPresent();
        }
    }

    record In(Set<String> set) implements Match {
        public In {
            set = Set.copyOf(set);
        }

        public Operator operator() {
            return Operator.IN;
        }

        public List<String> values() {
            return List.copyOf(new TreeSet<>(set));
        }

        public boolean test(Optional<String> v) {
            return v.isPresent() && set.contains(v.get());
        }
    }
}

package dev.oncall.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A main source file over {@value #LIMIT} lines is usually several things in one; one that is
 * not says why on its first line, as a comment starting with {@value #REASON}.
 */
class FileSizeTest {
    static final int LIMIT = 400;
    static final String REASON = "// Long because";

    @Test
    void longFilesSayWhy() throws IOException {
        List<String> unexplained = new ArrayList<>();
        for (Path root : Codebase.mainSourceRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    List<String> lines = read(f);
                    if (lines.size() > LIMIT && !(lines.get(0).startsWith(REASON) && lines.get(0).length() > REASON.length() + 10)) {
                        unexplained.add(Codebase.root().relativize(f) + " (" + lines.size() + " lines)");
                    }
                });
            }
        }
        assertThat(unexplained)
                .as("main source files over %d lines without a first line '%s ...'", LIMIT, REASON)
                .isEmpty();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

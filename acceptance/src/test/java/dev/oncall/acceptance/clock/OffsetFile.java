package dev.oncall.acceptance.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The offset a test gives an app's clock: a file holding milliseconds (a missing or unreadable
 * file is no offset), read again every 100 ms by a daemon thread, so reading the clock stays as
 * cheap as reading a volatile field. The test replaces the file atomically, so a half-written
 * number is never read.
 */
final class OffsetFile {
    static final Duration REFRESH = Duration.ofMillis(100);

    private final Path file;
    private volatile long millis;

    private OffsetFile(Path file) {
        this.file = file;
        this.millis = read();
    }

    static OffsetFile watch(Path file) {
        OffsetFile offset = new OffsetFile(file);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stepped-clock").daemon().factory());
        refresher.scheduleWithFixedDelay(() -> offset.millis = offset.read(), REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        return offset;
    }

    long millis() {
        return millis;
    }

    private long read() {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException | NumberFormatException none) {
            return 0;
        } catch (IOException e) {
            // Keep the last offset: a clock does not jump back because a file could not be read once.
            return millis;
        }
    }
}

package dev.oncall.acceptance.system;

import dev.oncall.acceptance.clock.SteppedClockAutoConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Apps whose clock a test can step, with no hook in the apps: each is launched through Spring
 * Boot's {@code PropertiesLauncher} with {@code -Dloader.path} naming a directory that holds only
 * the test's clock auto-configuration ({@code dev.oncall.acceptance.clock}) and its imports file,
 * so the app's one {@code Clock} bean is the machine's UTC clock plus an offset read from a file
 * of its own ({@code target/stepped-clocks/<app>.offset}). Off unless {@link #enable()}d: other
 * stories launch the jars as operators do, with {@code java -jar}.
 */
public final class SteppedClocks {
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
    private static final Path ROOT = Path.of("target", "stepped-clocks").toAbsolutePath();
    private static final Path LOADER_PATH = ROOT.resolve("loader-path");

    private static volatile boolean enabled;

    private SteppedClocks() {}

    /** From now on every app this JVM starts has a clock the test can step. */
    public static synchronized void enable() {
        if (!enabled) {
            prepareLoaderPath();
            enabled = true;
        }
    }

    /**
     * How to launch {@code jar}: {@code -jar <jar>}, or, when enabled, through the launcher with
     * the clock's directory and the app's offset file (set to no offset now; a restart keeps the
     * command line, and so the offset it had).
     */
    static List<String> launch(String app, Path jar) {
        if (!enabled) {
            return List.of("-jar", jar.toString());
        }
        step(app, Duration.ZERO);
        return List.of("-cp", jar.toString(), "-Dloader.path=" + LOADER_PATH, LAUNCHER,
                "--" + SteppedClockAutoConfiguration.OFFSET_FILE + "=" + offsetFile(app));
    }

    /** Steps {@code app}'s clock to the machine's plus {@code offset}; it sees the step within 100 ms. */
    public static void step(String app, Duration offset) {
        try {
            Files.createDirectories(ROOT);
            Path next = Files.createTempFile(ROOT, app, ".next");
            Files.writeString(next, Long.toString(offset.toMillis()), StandardCharsets.UTF_8);
            Files.move(next, offsetFile(app), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path offsetFile(String app) {
        return ROOT.resolve(app + ".offset");
    }

    /** Copies the clock's classes (and nothing else of the tests) and writes their imports file. */
    private static void prepareLoaderPath() {
        try {
            Path classes = Path.of(SteppedClockAutoConfiguration.class.getResource(
                    SteppedClockAutoConfiguration.class.getSimpleName() + ".class").toURI()).getParent();
            String pkg = SteppedClockAutoConfiguration.class.getPackageName().replace('.', '/');
            Path target = LOADER_PATH.resolve(pkg);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(classes)) {
                for (Path c : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Files.copy(c, target.resolve(c.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path imports = LOADER_PATH.resolve(IMPORTS);
            Files.createDirectories(imports.getParent());
            Files.writeString(imports, SteppedClockAutoConfiguration.class.getName() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

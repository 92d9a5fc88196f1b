package dev.oncall.acceptance.clock;

import dev.oncall.platform.config.PlatformAutoConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Gives an app the clock a fault run steps, without any hook in the app: it is on the app's
 * class path only when the acceptance harness launches the app with {@code -Dloader.path} naming
 * a directory that holds this package and its {@code AutoConfiguration.imports}
 * ({@code dev.oncall.acceptance.system.SteppedClocks}). Ordered before the platform's, whose
 * clock then stands aside ({@code @ConditionalOnMissingBean}).
 */
@AutoConfiguration(before = PlatformAutoConfiguration.class)
public class SteppedClockAutoConfiguration {
    /** The file the harness writes the offset in, in milliseconds. */
    public static final String OFFSET_FILE = "acceptance.clock.offset-file";

    @Bean
    public Clock steppedClock(Environment environment) {
        return new SteppedClock(OffsetFile.watch(Path.of(environment.getRequiredProperty(OFFSET_FILE))));
    }
}

package dev.oncall.store.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every main source file that writes a table the configuration snapshot holds also bumps the
 * configuration version: a write that forgot would leave workers paging from a stale snapshot
 * until its window ran short.
 */
class ConfigurationVersionGuardTest {
    private static final Pattern CONFIGURATION_WRITE = Pattern.compile("(?i)(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"
            + "(teams|users|team_members|contact_methods|notification_rules|schedules|rotation_layers|layer_participants"
            + "|overrides|coverage_requests|escalation_policies|escalation_steps|escalation_step_targets|services"
            + "|service_alert_grouping|service_routing)\\b");

    @Test
    void everyConfigurationWriteBumpsTheVersion() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> forgetful;
        try (Stream<Path> files = Files.walk(root)) {
            forgetful = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(ConfigurationVersionGuardTest::writesConfiguration)
                    .filter(p -> !read(p).contains("ConfigurationVersion"))
                    .toList();
        }
        assertThat(forgetful).as("files writing configuration without ConfigurationVersion").isEmpty();
    }

    @Test
    void theGuardSeesTheWritesItGuards() throws IOException {
        Path contacts = Path.of("src/main/java/dev/oncall/store/user/ContactRepository.java");
        assertThat(writesConfiguration(contacts)).isTrue();
    }

    private static boolean writesConfiguration(Path p) {
        return CONFIGURATION_WRITE.matcher(read(p)).find();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

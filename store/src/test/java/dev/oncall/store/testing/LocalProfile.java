package dev.oncall.store.testing;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The documents of an app's {@code application.yml}, to check what its {@code local} profile sets. */
public record LocalProfile(PropertySource<?> local, List<PropertySource<?>> others) {

    /** Reads the {@code application.yml} on the class path and sets its {@code local} document apart. */
    public static LocalProfile ofApplicationYml() throws IOException {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"));
        PropertySource<?> local = documents.stream()
                .filter(d -> "local".equals(d.getProperty("spring.config.activate.on-profile")))
                .findFirst().orElseThrow(() -> new AssertionError("application.yml has no local profile"));
        return new LocalProfile(local, documents.stream().filter(d -> d != local).toList());
    }

    /** The local profile's value of {@code name}, as text; null when it sets none. */
    public String get(String name) {
        Object value = local.getProperty(name);
        return value == null ? null : value.toString();
    }
}
